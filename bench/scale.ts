/**
 * Scale: wall time and memory for N exchanges (e.g. 100, 1,000, 10,000), each point in a fresh process, for the
 * streamed pass (findings written out as they come) and for runner/run-all.ts (every result returned in an array).
 */
import { join } from 'node:path';
import { childFailure, runNode, tsArgs } from './child-process.js';
import { cleanEnv } from './overhead.js';
import type { ScaleResult } from './scale-child.js';

export interface ScaleOptions {
  points: number[];
  warmup: number;
  workDir: string;
  log: (line: string) => void;
}

export interface ScaleReport {
  stream: ScaleResult[];
  runall: ScaleResult[];
}

async function point(mode: 'stream' | 'runall', n: number, opts: ScaleOptions): Promise<ScaleResult> {
  opts.log(`scale: ${mode} ${n.toLocaleString('en-US')} exchanges...`);
  const run = await runNode<ScaleResult>(
    tsArgs('bench/scale-child.ts', [
      '--mode',
      mode,
      '--exchanges',
      String(n),
      '--warmup',
      String(opts.warmup),
      '--out',
      join(opts.workDir, `findings-${mode}-${n}.jsonl`),
    ]),
    { nodeFlags: ['--expose-gc'], env: cleanEnv(), timeoutMs: 10 * 60_000 },
  );
  if (run.code !== 0 || run.result === null) throw new Error(childFailure(`scale ${mode} ${n}`, run));
  return run.result;
}

export async function measureScale(opts: ScaleOptions): Promise<ScaleReport> {
  const stream: ScaleResult[] = [];
  const runall: ScaleResult[] = [];
  for (const n of opts.points) {
    stream.push(await point('stream', n, opts));
    runall.push(await point('runall', n, opts));
  }
  return { stream, runall };
}
