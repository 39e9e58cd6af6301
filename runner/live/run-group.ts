/**
 * One signal for the whole run. `npm run conformance` (runner/conformance-cli.ts) starts Playwright in a process group
 * of its own and is the run's leader: GRAPH_RUN_LEADER_PID names it to every process below. A SIGINT or SIGTERM that
 * reaches any of them (npm and tsx pass theirs down to the leader; the Playwright runner and its workers tell the
 * leader) ends with the leader sending one SIGINT to the group: Playwright's own graceful stop, each worker waits for
 * its writes in flight and deletes what it made, the global teardown deletes what is left, and the leader kills
 * the group if it is still there after a bound.
 */
export const RUN_LEADER_ENV = 'GRAPH_RUN_LEADER_PID';

/** Asks the run's leader to stop the run; false when there is no leader (a run not started by conformance-cli). */
export function tellLeader(env: NodeJS.ProcessEnv = process.env): boolean {
  const pid = Number(env[RUN_LEADER_ENV]);
  if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) return false;
  try {
    process.kill(pid, 'SIGTERM');
    return true;
  } catch {
    return false; // the leader is gone already
  }
}

/**
 * In the Playwright runner (not a worker): a SIGTERM sent to it alone is passed to the leader, which turns it into the
 * group's SIGINT. A SIGINT is left to Playwright (its graceful stop).
 */
export function relayRunnerSignals(env: NodeJS.ProcessEnv = process.env): void {
  if (env.TEST_WORKER_INDEX !== undefined || !env[RUN_LEADER_ENV]) return;
  const g = globalThis as { __graphRunRelay?: boolean };
  if (g.__graphRunRelay) return;
  g.__graphRunRelay = true;
  process.on('SIGTERM', () => {
    if (!tellLeader(env)) process.exit(143);
  });
}
