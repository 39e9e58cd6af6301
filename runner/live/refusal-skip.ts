/**
 * Turning a refusal into a skip: a request the live target declined to send (read-only mode, write budget spent,
 * a permission the token lacks) skips the test with the reason, instead of failing it.
 *
 *   const results = await skipOnRefusal(() => runCase(op, plan, env), (reason) => test.skip(true, reason));
 */
import { refusalOf } from './errors.js';

export async function skipOnRefusal<T>(fn: () => Promise<T>, skip: (reason: string) => void): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const refusal = refusalOf(e);
    if (refusal) skip(refusal.skipReason);
    throw e;
  }
}
