/**
 * The few flags the bench and its child processes take (`--name N`, `--name=N`, `--flag`), with errors that name the
 * flag and what it accepts.
 */
export class FlagError extends Error {
  override name = 'FlagError';
}

function raw(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === name) return argv[i + 1] ?? '';
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

/** A whole number flag (default when absent). */
export function flagNumber(argv: readonly string[], name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = raw(argv, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === '' || !Number.isInteger(n) || n < 0 || n > max)
    throw new FlagError(`${name} needs a whole number from 0 to ${max}; got "${v}".`);
  return n;
}

/** A comma-separated list of whole numbers, e.g. `--scale 100,1000`. */
export function flagNumbers(argv: readonly string[], name: string, fallback: number[]): number[] {
  const v = raw(argv, name);
  if (v === undefined) return fallback;
  const items = v.split(',').map((s) => s.trim());
  const nums = items.map(Number);
  if (items.length === 0 || items.some((s, i) => s === '' || !Number.isInteger(nums[i]) || (nums[i] ?? 0) <= 0)) {
    throw new FlagError(`${name} needs positive whole numbers separated by commas (e.g. 100,1000); got "${v}".`);
  }
  return nums;
}

export function flagString(argv: readonly string[], name: string): string | undefined {
  const v = raw(argv, name);
  if (v === '') throw new FlagError(`${name} needs a value.`);
  return v;
}

export function flagSet(argv: readonly string[], name: string): boolean {
  return argv.includes(name);
}

/** Flags not in `known` (names without values). */
export function unknownFlags(argv: readonly string[], known: readonly string[], withValue: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (withValue.includes(name)) {
      if (!a.includes('=')) i++;
      continue;
    }
    if (!known.includes(name)) out.push(a);
  }
  return out;
}
