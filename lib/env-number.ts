/**
 * A whole number from an environment variable, for every setting the suite reads that way (run, live, exploration and
 * stateful settings). Unset or blank gives the default; anything else must be a whole number in range, or the error
 * names the variable, the range, what it sets, what was given and the default.
 */
export function wholeNumberSetting<D extends number | null>(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: D,
  range: { min: number; max: number },
  what: string,
  fail: (message: string) => Error,
): number | D {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || n < range.min || n > range.max) {
    const dflt = fallback === null ? 'Unset it for the default.' : `Default: ${fallback}.`;
    throw fail(`${name} must be a whole number from ${range.min} to ${range.max} (${what}); got "${env[name]}". ${dflt}`);
  }
  return n;
}
