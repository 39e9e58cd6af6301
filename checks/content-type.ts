/**
 * content_type: a response with a body says it is JSON (`application/json`, parameters such as
 * `odata.metadata=minimal` and `charset` allowed); a 204 has no body at all.
 */
import type { Check, FindingDraft } from './types.js';

/** The media type of a Content-Type value, lower-cased, without parameters. */
export function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

export const contentType: Check = {
  name: 'content_type',
  description: 'a response with a body is application/json; a 204 has no body',
  run(exchange) {
    const { status, headers, bodyText } = exchange.response;
    const drafts: FindingDraft[] = [];
    if (status === 204 && bodyText.length > 0) {
      drafts.push({
        pointer: '',
        expected: 'no body',
        observed: `${bodyText.length} characters`,
        message: `204 No Content came with a ${bodyText.length}-character body`,
        stableKey: '204-body',
      });
      return drafts;
    }
    if (bodyText.trim() === '') return drafts;
    const header = headers['content-type'];
    const media = header === undefined ? null : mediaType(header);
    if (media !== 'application/json') {
      drafts.push({
        pointer: '/headers/content-type',
        expected: 'application/json',
        observed: header ?? null,
        message:
          header === undefined
            ? `a ${status} response with a body has no Content-Type header`
            : `a ${status} response with a body is "${header}", not application/json`,
        stableKey: media ?? 'missing',
      });
    }
    return drafts;
  },
};
