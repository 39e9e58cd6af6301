/**
 * Errors of the live target. A LiveConfigError is a setting to fix (nothing was sent). A LiveRefusal is the suite
 * declining to send a request (read-only mode, write budget spent, a permission the token lacks): a test turns it
 * into a skip with `refusal.skipReason` (see skipOnRefusal).
 */
export class LiveConfigError extends Error {
  override name = 'LiveConfigError';
}

export type RefusalKind = 'read-only' | 'write-budget' | 'permission';

export class LiveRefusal extends Error {
  override name = 'LiveRefusal';
  constructor(
    readonly kind: RefusalKind,
    /** One line for the report: why the request was not sent. */
    readonly skipReason: string,
  ) {
    super(skipReason);
  }
}

/** The refusal inside `e` (or its cause chain), or null. */
export function refusalOf(e: unknown): LiveRefusal | null {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (cur instanceof LiveRefusal) return cur;
  }
  return null;
}
