/**
 * The journal of a live run (reports/live-journal.jsonl by default, GRAPH_JOURNAL to move it): one JSON line per
 * object created (path, id, displayName, operation, time, runId, pid), per object deleted, per create the write
 * budget allowed, and per create the service refused (its budget unit given back). Lines are appended synchronously the moment the service answers, so a run that crashes or is
 * interrupted leaves a record of what it made; cleanup (end of run, SIGINT, SIGTERM) deletes what the journal says is
 * still there. No secrets: paths, ids and run-tagged names only. Several processes (Playwright workers) append to
 * one file; each line is one small write with O_APPEND, so lines never interleave.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';

export type JournalEvent = 'created' | 'deleted' | 'reserved' | 'released' | 'attempt' | 'settled';

export interface JournalEntry {
  event: JournalEvent;
  runId: string;
  pid: number;
  /** ISO time. */
  time: string;
  /** Path below the version root, e.g. `/deviceManagement/embeddedSIMActivationCodePools/<id>` (created, deleted). */
  path?: string;
  id?: string;
  displayName?: string;
  operation?: string;
  /** A reservation's own id (reserved, released). */
  reservation?: string;
  /** A create attempt's own id (attempt; settled and created name the attempt they answer). */
  attempt?: string;
}

export class Journal {
  constructor(
    readonly file: string,
    readonly runId: string,
    private readonly pid: number = process.pid,
  ) {}

  private append(entry: Omit<JournalEntry, 'runId' | 'pid' | 'time'>): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const line: JournalEntry = { runId: this.runId, pid: this.pid, time: new Date().toISOString(), ...entry };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }

  /**
   * A create about to be sent to the collection `path` (below the version root): recorded before it leaves, so an
   * interruption while it is in flight still leaves a trace. Cleanup looks for an unsettled attempt's object by its
   * displayName. Returns the attempt's id, for recordCreated or settleAttempt.
   */
  recordAttempt(sent: { path: string; operation: string; displayName?: string }): string {
    const attempt = randomUUID();
    this.append({
      event: 'attempt',
      attempt,
      path: sent.path,
      operation: sent.operation,
      ...(sent.displayName ? { displayName: sent.displayName } : {}),
    });
    return attempt;
  }

  /** The attempt was answered without making anything (or what it made is journaled as created). */
  settleAttempt(attempt: string): void {
    this.append({ event: 'settled', attempt });
  }

  /** This run's create attempts with no answer recorded (in flight when the process stopped); `pid` keeps one process's. */
  unsettledAttempts(opts: { pid?: number } = {}): JournalEntry[] {
    const entries = this.entries();
    const answered = new Set(entries.filter((e) => (e.event === 'settled' || e.event === 'created') && e.attempt).map((e) => e.attempt));
    return entries.filter((e) => e.event === 'attempt' && !answered.has(e.attempt) && (opts.pid === undefined || e.pid === opts.pid));
  }

  recordCreated(made: { path: string; id: string; displayName?: string; operation?: string; attempt?: string }): void {
    this.append({
      event: 'created',
      ...(made.attempt ? { attempt: made.attempt } : {}),
      path: made.path,
      id: made.id,
      ...(made.displayName ? { displayName: made.displayName } : {}),
      ...(made.operation ? { operation: made.operation } : {}),
    });
  }

  recordDeleted(path: string): void {
    this.append({ event: 'deleted', path });
  }

  /**
   * Takes one unit of the run's create budget: appends a reservation, then counts this run's reservations up to and
   * including it. The first `budget` reservations in the file win, whichever process made them.
   */
  reserveCreate(budget: number): { allowed: boolean; position: number; reservation: string } {
    const reservation = randomUUID();
    this.append({ event: 'reserved', reservation });
    const entries = this.entries();
    const released = new Set(entries.filter((e) => e.event === 'released').map((e) => e.reservation));
    let position = 0;
    for (const e of entries) {
      if (e.event !== 'reserved' || (e.reservation !== reservation && released.has(e.reservation))) continue;
      position++;
      if (e.reservation === reservation) break;
    }
    return { allowed: position <= budget, position, reservation };
  }

  /**
   * Gives a unit of the budget back: the service answered the create with a 4xx, so it made nothing. An answer that
   * never came, a 5xx or a success keeps its unit (an object was made, or may have been).
   */
  releaseCreate(reservation: string): void {
    this.append({ event: 'released', reservation });
  }

  /** Creates this run counted against its budget: objects made plus attempts that may have made one. */
  createsCounted(): number {
    const entries = this.entries();
    const released = new Set(entries.filter((e) => e.event === 'released').map((e) => e.reservation));
    return entries.filter((e) => e.event === 'reserved' && !released.has(e.reservation)).length;
  }

  /** This run's entries, oldest first (every run's with `all`). A missing file is an empty journal. */
  entries(opts: { all?: boolean } = {}): JournalEntry[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const out: JournalEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let e: JournalEntry;
      try {
        e = JSON.parse(line) as JournalEntry;
      } catch {
        continue; // a line cut short by a crash: the rest of the journal still counts
      }
      if (opts.all || e.runId === this.runId) out.push(e);
    }
    return out;
  }

  /**
   * Objects this run created that are not known to be gone: not deleted themselves (by this run or any later one,
   * e.g. the sweeper), nor under a deleted parent. `pid` keeps one process's own (a worker cleaning up after itself).
   */
  pending(opts: { pid?: number } = {}): JournalEntry[] {
    const all = this.entries({ all: true });
    const entries = all.filter((e) => e.runId === this.runId);
    const deleted = all.filter((e) => e.event === 'deleted' && e.path).map((e) => e.path as string);
    const gone = (path: string): boolean => deleted.some((d) => path === d || path.startsWith(`${d}/`));
    return entries.filter((e) => e.event === 'created' && e.path && !gone(e.path) && (opts.pid === undefined || e.pid === opts.pid));
  }

  /** Ids of every object this run recorded as created. */
  knownIds(): Set<string> {
    return new Set(
      this.entries()
        .filter((e) => e.event === 'created' && e.id)
        .map((e) => e.id as string),
    );
  }
}
