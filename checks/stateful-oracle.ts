/**
 * stateful_oracle: each step of a seeded random sequence (runner/stateful, case kind `stateful`) is answered as the
 * docs promise in the state the earlier steps left (checks/stateful-model.ts replays ctx.prior): an operation on an
 * object that exists succeeds (any 2xx: the exact code is status_code's); on an object deleted, never made, or
 * under a deleted pool it is answered 404 (a second delete too); a list shows the objects that exist and none that
 * were deleted (exactly, under a pool the sequence made). The message carries the whole sequence so far, the case
 * name its seed and the command that replays it.
 */
import { isObject } from './body-walk.js';
import { isSuccess } from './response-body.js';
import { StateModel, type Expectation } from './stateful-model.js';
import type { Check, Exchange, FindingDraft } from './types.js';

/** The sequence up to this step, one line per step, for the message (the case name holds the seed and replay). */
function story(prior: Exchange[], exchange: Exchange): string {
  const steps = [...prior, exchange].map((e, i) => `  ${i + 1}. ${e.step ?? e.operation} -> ${e.response.status}`);
  return `sequence so far:\n${steps.join('\n')}`;
}

const WHY: Record<Expectation['because'], string> = {
  exists: 'the object exists',
  collection: 'the collection exists',
  deleted: 'the object was deleted earlier in the sequence',
  'parent-deleted': 'its pool was deleted earlier in the sequence',
  'never-made': 'no such object was made',
};

function listFindings(exchange: Exchange, expectation: Expectation, seq: string): FindingDraft[] {
  const body = exchange.response.body;
  const listed = expectation.listed;
  if (!listed || !isObject(body) || !Array.isArray(body.value)) return [];
  const seen = new Set(body.value.map((v) => (isObject(v) && typeof v.id === 'string' ? v.id.toLowerCase() : '')));
  const drafts: FindingDraft[] = [];
  const paged = typeof body['@odata.nextLink'] === 'string';
  const missing = paged ? [] : listed.ids.filter((id) => !seen.has(id));
  const deleted = listed.gone.filter((id) => seen.has(id));
  const extra = listed.exact ? [...seen].filter((id) => id !== '' && !listed.ids.includes(id) && !listed.gone.includes(id)) : [];
  const add = (key: string, expected: string, ids: string[], what: string): void => {
    if (ids.length === 0) return;
    drafts.push({
      pointer: '/value',
      expected,
      observed: `${ids.length} id(s)`,
      message: `${what}: ${ids.join(', ')}\n${seq}`,
      stableKey: key,
    });
  };
  add('missing-from-list', 'every object that exists is listed', missing, 'the list leaves out objects that exist');
  add('deleted-listed', 'no deleted object is listed', deleted, 'the list shows objects deleted earlier in the sequence');
  add('unexpected-in-list', 'only the objects the sequence made are listed', extra, 'the list shows objects the sequence never made');
  return drafts;
}

export const statefulOracle: Check = {
  name: 'stateful_oracle',
  description:
    'each step of a stateful sequence gets what the docs promise in that state: 2xx on what exists, 404 on what was deleted or is under a deleted pool, lists that match',
  run(exchange, _op, ctx) {
    if (exchange.caseKind !== 'stateful') return [];
    const model = new StateModel(ctx.contracts);
    const prior = ctx.prior.filter((e) => e.caseKind === 'stateful');
    for (const e of prior) model.apply(e);
    const expectation = model.expect(exchange);
    if (!expectation) return [];
    const status = exchange.response.status;
    const seq = story(prior, exchange);
    if (expectation.status === 404 ? status !== 404 : !isSuccess(status)) {
      return [
        {
          pointer: '/status',
          expected: expectation.status,
          observed: status,
          message: `${exchange.step ?? exchange.operation} was answered ${status}, expected ${expectation.status} because ${WHY[expectation.because]}\n${seq}`,
          stableKey: `${expectation.because} ${status}`,
        },
      ];
    }
    return isSuccess(status) ? listFindings(exchange, expectation, seq) : [];
  },
};
