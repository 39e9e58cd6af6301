/**
 * Child process of the bench: the bare loop. `node --import tsx bench/bare-child.ts <recording.jsonl>...`
 * Each recording (one per process of the suite run) is replayed against a fresh embedded mock started in this
 * process, as the suite's own mock runs in the process that drives it.
 */
import { startMockServer } from '../mocks/http-server.js';
import { mismatches, planReplay, replay, type Mismatch } from './bare-loop.js';
import { emitResult } from './child-process.js';
import { readRecording } from './recording.js';

export interface BareResult {
  /** Sending and reading only, summed over the recordings. */
  loopMs: number;
  /** From this process's start to the first request (node, tsx, the mock). */
  startupMs: number;
  requests: number;
  remappedSegments: number;
  bodiesMentioningIds: number;
  mismatchCount: number;
  firstMismatches: Mismatch[];
}

async function main(files: string[]): Promise<void> {
  if (files.length === 0) throw new Error('usage: bare-child.ts <recording.jsonl>...');
  const plans = files.map((f) => planReplay(readRecording(f)));
  let loopMs = 0;
  let startupMs = -1;
  const found: Mismatch[] = [];
  for (const plan of plans) {
    const server = await startMockServer({ port: 0 });
    try {
      const origin = server.origin;
      if (startupMs < 0) startupMs = performance.now();
      const outcome = await replay(plan, origin);
      loopMs += outcome.loopMs;
      found.push(...mismatches(plan, outcome.statuses));
    } finally {
      await server.close();
    }
  }
  const result: BareResult = {
    loopMs,
    startupMs,
    requests: plans.reduce((n, p) => n + p.steps.length, 0),
    remappedSegments: plans.reduce((n, p) => n + p.remappedSegments, 0),
    bodiesMentioningIds: plans.reduce((n, p) => n + p.bodiesMentioningIds, 0),
    mismatchCount: found.length,
    firstMismatches: found.slice(0, 5),
  };
  emitResult(result);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`bare loop: ${(e as Error).message}`);
  process.exit(1);
});
