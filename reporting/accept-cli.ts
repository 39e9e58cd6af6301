/**
 * npm run drift:accept [-- --note "why" --prune --dry-run --report reports/drift.json --ledger contracts/known-drift.json]
 *
 * Adds the new findings of a run (reports/drift.json) to the ledger, moves lastSeen of the known ones, and with
 * --prune drops the resolved ones. Prints the change as a diff a reviewer can read, then writes the ledger (not with
 * --dry-run). Exit 0 on success, 2 on bad input or a run whose verdict is error or incomplete (acceptRefusal).
 */
import { writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { showValue } from '../checks/format-finding.js';
import { acceptRefusal, acceptRun, type LedgerChanges } from './accept.js';
import { contractsVersion } from './contracts-version.js';
import { DEFAULT_LEDGER, formatLedger, ledgerPath, readLedger, type LedgerEntry } from './fingerprint-ledger.js';
import type { DriftReport } from './report-model.js';
import { readReport } from './validate-report.js';

const USAGE = `usage: npm run drift:accept -- [--note "why this drift is accepted"] [--prune] [--dry-run]
                                [--report reports/drift.json] [--ledger contracts/known-drift.json]`;

const where = (e: LedgerEntry): string => `${e.operation} · ${e.check} at ${e.pointer === '' ? '(body)' : e.pointer}`;

/** The change as lines: `+` added, `~` updated, `-` removed. */
export function describeChanges(changes: LedgerChanges, report: DriftReport, ledgerFile: string): string[] {
  const { added, updated, removed, keptResolved } = changes;
  const lines = [
    `${ledgerFile}: ${added.length} added, ${updated.length} updated, ${removed.length} removed ` +
      `(from the ${report.run.target} run of ${report.run.startedAt.slice(0, 16).replace('T', ' ')} UTC, contracts ${report.run.contractsVersion})`,
  ];
  for (const e of added) {
    const f = report.findings.find((x) => x.fingerprint === e.fingerprint && x.status === 'new');
    lines.push(
      '',
      `+ ${e.fingerprint}  ${where(e)}`,
      `+     expected ${showValue(e.expected)}, observed ${showValue(e.observed)}`,
      `+     ${e.message}`,
    );
    if (f?.evidence)
      lines.push(
        `+     evidence: ${f.evidence.method} ${f.evidence.url} -> ${f.evidence.status}, request-id ${f.evidence.requestId ?? '(none)'}`,
      );
    lines.push(`+     seen in: ${e.seenIn.join('; ') || '(no test named)'}`, `+     note: ${JSON.stringify(e.note)}`);
  }
  for (const { before, after } of updated) {
    const what = [
      before.lastSeen !== after.lastSeen ? `lastSeen ${before.lastSeen} -> ${after.lastSeen}` : null,
      before.seenIn.length !== after.seenIn.length ? `seen in ${after.seenIn.length - before.seenIn.length} more test(s)` : null,
    ].filter(Boolean);
    lines.push('', `~ ${after.fingerprint}  ${where(after)}: ${what.join(', ')}`);
  }
  for (const e of removed)
    lines.push('', `- ${e.fingerprint}  ${where(e)} (resolved; first seen ${e.firstSeen}, note ${JSON.stringify(e.note)})`);
  if (keptResolved.length) {
    lines.push(
      '',
      `${keptResolved.length} resolved entr${keptResolved.length === 1 ? 'y stays' : 'ies stay'} in the ledger; --prune removes ${keptResolved.length === 1 ? 'it' : 'them'}:`,
    );
    for (const e of keptResolved) lines.push(`  ${e.fingerprint}  ${where(e)}`);
  }
  return lines;
}

export function main(argv: string[]): number {
  let values: { note?: string; prune?: boolean; 'dry-run'?: boolean; report?: string; ledger?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        note: { type: 'string' },
        prune: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        report: { type: 'string' },
        ledger: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    console.error(`drift:accept: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const reportFile = resolve(values.report ?? 'reports/drift.json');
  const ledgerFile = values.ledger ? resolve(values.ledger) : ledgerPath();
  const shownLedger = relative(process.cwd(), ledgerFile) || ledgerFile;
  try {
    const report = readReport(reportFile);
    const refusal = acceptRefusal(report);
    if (refusal) {
      console.error(`drift:accept: ${relative(process.cwd(), reportFile) || reportFile}: ${refusal} The ledger was not changed.`);
      return 2;
    }
    const ledger = readLedger(ledgerFile);
    const changes = acceptRun(ledger, report, {
      ...(values.note !== undefined ? { note: values.note } : {}),
      prune: values.prune ?? false,
    });
    const lines = describeChanges(changes, report, shownLedger);
    const now = ledgerFile === DEFAULT_LEDGER ? contractsVersion(dirname(DEFAULT_LEDGER)) : report.run.contractsVersion;
    if (report.run.contractsVersion !== now) {
      lines.push(
        '',
        `note: the run was held to contracts ${report.run.contractsVersion}; the contracts beside the ledger are now ${now}. Fingerprints include expected values: re-run before accepting if the contracts changed.`,
      );
    }
    const nothing = changes.added.length + changes.updated.length + changes.removed.length === 0;
    if (nothing) lines.push('', 'Nothing to change.');
    else if (values['dry-run']) lines.push('', '(dry run: nothing written)');
    else {
      writeFileSync(ledgerFile, formatLedger(changes.ledger));
      lines.push('', `Written. Review and commit: git diff ${shownLedger}`);
    }
    console.log(lines.join('\n'));
    return 0;
  } catch (e) {
    console.error(`drift:accept: ${(e as Error).message}`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main(process.argv.slice(2)));
