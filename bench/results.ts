/**
 * Everything one `npm run bench` measured, as the report renders it. Each part is either a value, an error (the
 * part failed; the others still ran) or absent (not selected).
 */
import type { Machine } from './machine.js';
import type { InProcessOverhead, PlaywrightOverhead } from './overhead.js';
import type { Profiles } from './profile.js';
import type { ScaleReport } from './scale.js';
import type { ThroughputReport } from './throughput.js';
import type { ValidationResult } from './validation-child.js';
import type { ExploreBenchResult } from './explore-child.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface BenchSettings {
  validCases: number;
  /** Whether the Playwright run was also made at twice VALID_CASES (the marginal cost per exchange). */
  marginal: boolean;
  rounds: number;
  playwrightRounds: number;
  connections: number;
  durationMs: number;
  scalePoints: number[];
}

export interface BenchResults {
  startedAt: string;
  durationMs: number;
  machine: Machine;
  loadBefore: number[];
  loadAfter: number[];
  settings: BenchSettings;
  openapi?: Outcome<{ file: string; operations: number; schemas: number }>;
  inProcess?: Outcome<InProcessOverhead>;
  playwright?: Outcome<PlaywrightOverhead>;
  throughput?: Outcome<ThroughputReport>;
  validation?: Outcome<ValidationResult>;
  scale?: Outcome<ScaleReport>;
  profiles?: Outcome<Profiles>;
  explore?: Outcome<ExploreBenchResult>;
}

export const TARGETS = {
  overhead: { max: 1.5 },
  throughput: { min: 2 },
} as const;

/** Runs one part, turning a failure into an Outcome that the report shows. */
export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
