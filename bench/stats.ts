/**
 * The arithmetic of the bench: medians, ratios of paired runs, verdicts against targets, number formatting.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * The median of per-pair ratios a[i] / b[i]. Pairs run back to back, so load from other processes that comes and
 * goes during the bench hits both sides of a pair alike.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (y > 0 && Number.isFinite(x)) ratios.push(x / y);
  }
  return median(ratios);
}

export type Verdict = 'met' | 'not met' | 'n/a';

/** `ratio <= max` (overhead) or `ratio >= min` (throughput). */
export function verdict(ratio: number | null, target: { max?: number; min?: number }): Verdict {
  if (ratio === null || !Number.isFinite(ratio)) return 'n/a';
  if (target.max !== undefined && ratio > target.max) return 'not met';
  if (target.min !== undefined && ratio < target.min) return 'not met';
  return 'met';
}

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 10_000
    ? `${(ms / 1000).toFixed(1)} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(ms >= 100 ? 0 : ms >= 10 ? 1 : 2)} ms`;
}

export function fmtRatio(r: number | null): string {
  return r === null || !Number.isFinite(r) ? '-' : `${r.toFixed(2)}x`;
}

/** 12,345 */
export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-';
}

export function fmtMb(mb: number): string {
  return Number.isFinite(mb) ? `${mb.toFixed(mb >= 100 ? 0 : 1)} MB` : '-';
}

/**
 * Is time linear in the number of exchanges? Compares the time per exchange of each point with that of the first
 * point at or above `from` exchanges; `spread` is the largest / smallest of those per-exchange times (1 = perfectly
 * linear).
 */
export function linearity(points: readonly { n: number; ms: number }[]): { perExchangeMs: number[]; spread: number } {
  const per = points.map((p) => p.ms / p.n);
  const finite = per.filter((v) => Number.isFinite(v) && v > 0);
  const spread = finite.length < 2 ? 1 : Math.max(...finite) / Math.min(...finite);
  return { perExchangeMs: per, spread };
}

/**
 * Does the time per exchange grow with N? Time per exchange at the largest point over that at the smallest (1 =
 * linear; below 1: start-up costs amortised; above: superlinear). This is the scale verdict: a small point that
 * costs more per exchange (a partial pass, warm-up) is not a sign of superlinear time.
 */
export function timeGrowth(points: readonly { n: number; ms: number }[]): number {
  const sorted = [...points].filter((p) => p.n > 0).sort((a, b) => a.n - b.n);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || first === last) return 1;
  return last.ms / last.n / (first.ms / first.n);
}

/**
 * Growth of retained memory per 1,000 exchanges between the two largest points (the steady state: below that,
 * code the JIT compiles while warming up dominates). Null with fewer than two distinct points.
 */
export function growthPerThousand(points: readonly { n: number; mb: number }[]): number | null {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  if (sorted.length < 2) return null;
  const last = sorted[sorted.length - 1] as { n: number; mb: number };
  const before = sorted[sorted.length - 2] as { n: number; mb: number };
  return last.n === before.n ? null : ((last.mb - before.mb) / (last.n - before.n)) * 1000;
}
