/**
 * error_shape: a 4xx or 5xx answer carries the Graph error body (`contracts.validateType('graphError', body)`):
 * `{ "error": { "code", "message", "innerError": { "date", "request-id", ... } } }`. The schema lets innerError be
 * absent (other Graph workloads omit it); the docs for this API promise it, so this check asks for it.
 */
import type { ErrorObject } from 'ajv';
import { isObject } from './body-walk.js';
import { joinPointer, valueAt } from '../lib/json-pointer.js';
import type { Check, FindingDraft } from './types.js';

const SHAPE = 'a Graph error body { error: { code, message, innerError: { date, request-id } } }';

function draftOf(e: ErrorObject, body: unknown): FindingDraft {
  if (e.keyword === 'required') {
    const missing = String((e.params as { missingProperty?: unknown }).missingProperty);
    const pointer = joinPointer(e.instancePath, missing);
    return { pointer, expected: 'present', observed: '(absent)', message: `the error body lacks ${pointer}`, stableKey: 'required' };
  }
  return {
    pointer: e.instancePath,
    expected: e.message ?? e.keyword,
    observed: valueAt(body, e.instancePath) ?? '(absent)',
    message: `the error body at ${e.instancePath || '(body)'} ${e.message ?? `fails ${e.keyword}`}`,
    stableKey: e.keyword,
  };
}

export const errorShape: Check = {
  name: 'error_shape',
  description: 'a 4xx/5xx answer has the Graph error body with innerError date and request-id',
  run(exchange, _op, ctx) {
    const { status, body, bodyText } = exchange.response;
    if (status < 400) return [];
    if (body === undefined) {
      const empty = bodyText.trim() === '';
      return [
        {
          pointer: '',
          expected: SHAPE,
          observed: empty ? 'no body' : bodyText.slice(0, 200),
          message: `the ${status} answer has ${empty ? 'no body' : 'a body that is not JSON'}`,
          stableKey: empty ? 'no-body' : 'not-json',
        },
      ];
    }
    const result = ctx.contracts.validateType('graphError', body);
    const drafts = result.errors.map((e) => draftOf(e, body));
    const error = isObject(body) ? body.error : undefined;
    if (isObject(error) && error.innerError === undefined) {
      drafts.push({
        pointer: '/error/innerError',
        expected: 'present, with date and request-id',
        observed: '(absent)',
        message: `the ${status} error body has no innerError (date, request-id)`,
        stableKey: 'required',
      });
    }
    return drafts;
  },
};
