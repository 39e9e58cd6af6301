/**
 * Child process of the bench: validation throughput. Records the exchanges of one in-process pass (each with its
 * operation and the `prior` exchanges the checks saw), then runs the checks on them in a loop:
 *  - every selected check (what a run does per exchange), as exchanges validated per second;
 *  - the compiled ajv response validators alone (contracts.validateResponse on each success body);
 *  - each check alone, as microseconds per exchange.
 * Ajv's compile is counted (the prototype is wrapped before anything loads), so the result says how many validators
 * were compiled in the whole process and how many during the timed loops (0 when validators are reused).
 * `node --import tsx bench/validation-child.ts --valid N --ms MS`
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runChecks } from '../checks/findings.js';
import { selectChecks } from '../checks/registry.js';
import type { Check, Exchange } from '../checks/types.js';
import { loadContracts } from '../contracts/load.js';
import type { OperationContract } from '../contracts/model.js';
import { payloadSource } from '../runner/payload-source.js';
import { runAll } from '../runner/run-all.js';
import { startMockTarget } from '../runner/target.js';
import { emitResult } from './child-process.js';
import { flagNumber } from './cli-flags.js';

let compiles = 0;
const original = Ajv2020.prototype.compile;
Ajv2020.prototype.compile = function countedCompile(this: Ajv2020, ...args: Parameters<typeof original>) {
  compiles++;
  return original.apply(this, args);
} as typeof original;

interface Captured {
  exchange: Exchange;
  op: OperationContract;
  prior: Exchange[];
}

export interface ValidationResult {
  exchanges: number;
  allChecks: { checks: number; passes: number; ms: number; exchangesPerSec: number; findings: number };
  ajvOnly: { validations: number; ms: number; validationsPerSec: number };
  perCheck: { check: string; usPerExchange: number }[];
  compiles: { total: number; duringLoops: number };
}

/** Runs `body` over and over until `ms` have passed (at least once); returns passes and elapsed ms. */
function loopFor(ms: number, body: () => void): { passes: number; ms: number } {
  const t0 = performance.now();
  let passes = 0;
  do {
    body();
    passes++;
  } while (performance.now() - t0 < ms);
  return { passes, ms: performance.now() - t0 };
}

async function main(argv: string[]): Promise<void> {
  const validCount = flagNumber(argv, '--valid', 120);
  const ms = flagNumber(argv, '--ms', 2000);
  const contracts = loadContracts();
  const captured: Captured[] = [];
  const capture: Check = {
    name: 'bench_capture',
    description: 'records what the checks see',
    run(exchange, op, ctx) {
      captured.push({ exchange, op, prior: [...ctx.prior] });
      return [];
    },
  };
  const checks = selectChecks();
  const target = await startMockTarget({ tenant: 'bench-validation' });
  try {
    await runAll(
      {
        client: target.client,
        contracts,
        checks: [...checks, capture],
        payloads: payloadSource(contracts, ''),
        settings: { seed: 20240801, validCount },
      },
      () => {},
    );
  } finally {
    await target.close();
  }
  const compilesBefore = compiles;

  let findings = 0;
  const all = loopFor(ms, () => {
    findings = 0;
    for (const c of captured) findings += runChecks(checks, c.exchange, c.op, { contracts, prior: c.prior }).length;
  });

  const bodies = captured.filter(
    (c) => c.op.response.body && c.exchange.response.status === c.op.response.status && c.exchange.response.body !== undefined,
  );
  const ajv = loopFor(Math.max(200, ms / 2), () => {
    for (const c of bodies) contracts.validateResponse(c.op.id, c.exchange.response.body);
  });

  const perCheck = checks.map((check) => {
    const one = loopFor(Math.max(100, ms / 10), () => {
      for (const c of captured) runChecks([check], c.exchange, c.op, { contracts, prior: c.prior });
    });
    return { check: check.name, usPerExchange: (one.ms * 1000) / (one.passes * captured.length) };
  });

  const result: ValidationResult = {
    exchanges: captured.length,
    allChecks: {
      checks: checks.length,
      passes: all.passes,
      ms: all.ms,
      exchangesPerSec: (all.passes * captured.length * 1000) / all.ms,
      findings,
    },
    ajvOnly: { validations: bodies.length * ajv.passes, ms: ajv.ms, validationsPerSec: (bodies.length * ajv.passes * 1000) / ajv.ms },
    perCheck: perCheck.sort((a, b) => b.usPerExchange - a.usPerExchange),
    compiles: { total: compiles, duringLoops: compiles - compilesBefore },
  };
  emitResult(result);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`validation: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
