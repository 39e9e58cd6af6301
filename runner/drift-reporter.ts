/**
 * The drift reporter: collects the findings every conformance test attached (also from shard blob reports merged
 * with `playwright merge-reports`) and writes, under outputDir (default reports/):
 *   drift.json   the machine record (reporting/drift-report.schema.json)
 *   drift.md     the summary for a pull request; also appended to $GITHUB_STEP_SUMMARY when that is set
 *   drift.html   one self-contained page: operations x checks, findings, doc findings, history
 *   history/     one small record per run, plotted by drift.html
 * Findings are judged against the ledger (contracts/known-drift.json, or DRIFT_LEDGER). The run's verdict
 * (reporting/verdict.ts: pass, drift, incomplete, error) is what every output shows, and onEnd hands it back to
 * Playwright: only pass leaves the exit code 0. An error outside any test (onError) makes the verdict error.
 *
 * Options (playwright.config.ts): outputDir, contractsDir (default contracts/), ledger (default DRIFT_LEDGER or
 * contracts/known-drift.json), history (false: keep none), projects (default ['mock', 'live']), stepSummary.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { CHECK_NAMES, selectChecks } from '../checks/registry.js';
import type { DocFindingsFile } from '../contracts/model.js';
import { buildReport, type BuildInput, type RunFacts } from '../reporting/build-report.js';
import { contractsVersion } from '../reporting/contracts-version.js';
import { FINDINGS_ATTACHMENT, parseFindingsAttachment, type FindingsAttachment } from '../reporting/findings-attachment.js';
import { emptyLedger, ledgerPath, readLedger, type Ledger } from '../reporting/fingerprint-ledger.js';
import { historyRecord, readHistory, writeHistoryRecord } from '../reporting/history.js';
import { renderHtml } from '../reporting/html.js';
import { renderMarkdown } from '../reporting/markdown.js';
import { liveRunFacts } from './live/run-facts.js';
import type { DriftReport } from '../reporting/report-model.js';
import { operationOfTest, type TestRecord } from '../reporting/test-record.js';
import { statusForVerdict } from '../reporting/verdict.js';
import { resolveEndpoints } from './live/cloud.js';
import { redactLiveText, registerSecret } from './live/secrets.js';
import { readSettings } from './settings.js';

export type { DriftReport } from '../reporting/report-model.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface DriftReporterOptions {
  outputDir?: string;
  contractsDir?: string;
  ledger?: string;
  /** Keep one record per run in <outputDir>/history (default true), or in this folder. */
  history?: boolean | string;
  projects?: string[];
  /** Append drift.md to $GITHUB_STEP_SUMMARY when it is set (default true). */
  stepSummary?: boolean;
  /** Print nothing (the live preflight prints its own one line). */
  quiet?: boolean;
}

const ANSI = /\u001b\[[0-9;]*m/g;
const firstLine = (s: string | undefined): string | null =>
  s
    ? (
        s
          .replace(ANSI, '')
          .split('\n')
          .find((l) => l.trim() !== '') ?? ''
      ).trim()
    : null;

/** The checks this run selected, and why the others were not (from CHECKS / SKIP_CHECKS, as the workers read them). */
function checkSelection(env: NodeJS.ProcessEnv, warnings: string[]): Pick<RunFacts, 'selected' | 'notSelected' | 'seed'> {
  try {
    const settings = readSettings(env);
    const selected = selectChecks({ ...(settings.include ? { include: settings.include } : {}), exclude: settings.exclude }).map(
      (c) => c.name,
    );
    const notSelected = CHECK_NAMES.filter((c) => !selected.includes(c)).map((check) => ({
      check,
      reason: settings.exclude.includes(check) ? `excluded by SKIP_CHECKS=${env.SKIP_CHECKS ?? ''}` : `not in CHECKS=${env.CHECKS ?? ''}`,
    }));
    return { selected, notSelected, seed: settings.seed };
  } catch (e) {
    warnings.push(`run settings: ${(e as Error).message} (the report assumes every check ran)`);
    return { selected: [...CHECK_NAMES], notSelected: [], seed: 0 };
  }
}

/** The live endpoint the run used (GRAPH_BASE_URL, or the cloud's), or null when the settings do not resolve. */
function liveBaseUrl(env: NodeJS.ProcessEnv): string | null {
  try {
    return resolveEndpoints(env).baseUrl;
  } catch {
    return env.GRAPH_BASE_URL?.trim().replace(/\/+$/, '') || null;
  }
}

export class DriftReporter implements Reporter {
  private readonly outputDir: string;
  private readonly contractsDir: string;
  private readonly ledgerFile: string;
  private readonly historyDir: string | null;
  private readonly projects: Set<string>;
  private readonly stepSummary: boolean;
  private readonly quiet: boolean;
  private readonly tests: TestRecord[] = [];
  private readonly warnings: string[] = [];
  /** Errors outside any test (global setup, a worker that could not start): the verdict is error. */
  private readonly runErrors: string[] = [];
  private projectsRun = new Set<string>();
  private knownOperations: Set<string> | null = null;

  constructor(options: DriftReporterOptions = {}) {
    this.outputDir = resolve(options.outputDir ?? 'reports');
    this.contractsDir = options.contractsDir ? resolve(options.contractsDir) : join(REPO, 'contracts');
    this.ledgerFile = options.ledger ? resolve(options.ledger) : ledgerPath();
    this.historyDir =
      options.history === false ? null : typeof options.history === 'string' ? resolve(options.history) : join(this.outputDir, 'history');
    this.projects = new Set(options.projects ?? ['mock', 'live']);
    this.stepSummary = options.stepSummary ?? true;
    this.quiet = options.quiet ?? false;
    // Values that must not reach a report even inside an error message (a JWT is caught by its shape anyway).
    for (const name of ['GRAPH_RUN_TOKEN', 'GRAPH_ACCESS_TOKEN', 'AZURE_CLIENT_SECRET']) registerSecret(process.env[name]);
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    for (const project of suite.suites)
      if (this.projects.has(project.title) && project.allTests().length) this.projectsRun.add(project.title);
  }

  onError(error: TestError): void {
    this.runErrors.push(redactLiveText(firstLine(error.message ?? error.value) ?? 'an error outside any test'));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const project = test.parent.project()?.name ?? '';
    if (!this.projects.has(project)) return;
    const titles = test.titlePath().slice(2);
    const title = titles.join(' > ');
    const attachments: FindingsAttachment[] = [];
    for (const a of result.attachments) {
      if (a.name !== FINDINGS_ATTACHMENT) continue;
      try {
        const text = a.body ? a.body.toString('utf8') : a.path ? readFileSync(a.path, 'utf8') : '';
        attachments.push(parseFindingsAttachment(text, `${project} > ${title}`));
      } catch (e) {
        this.warnings.push((e as Error).message);
      }
    }
    const annotations = [...test.annotations, ...(result.annotations ?? [])];
    const skip = annotations.find((a) => (a.type === 'skip' || a.type === 'fixme') && a.description);
    this.tests.push({
      project,
      title,
      status: result.status,
      operation: operationOfTest(titles, annotations, this.operationIds()),
      skipReason: result.status === 'skipped' ? (skip?.description ?? null) : null,
      partial: annotations.find((a) => a.type === 'incomplete')?.description ?? null,
      error:
        result.status === 'passed' || result.status === 'skipped' ? null : firstLine(result.errors[0]?.message ?? result.error?.message),
      attachments,
    });
  }

  /** Operation ids of the contracts (file names under contractsDir/operations), to tell which test is about which. */
  private operationIds(): Set<string> {
    if (!this.knownOperations) {
      const dir = join(this.contractsDir, 'operations');
      this.knownOperations = new Set(
        existsSync(dir)
          ? readdirSync(dir)
              .filter((n) => n.endsWith('.json'))
              .map((n) => n.slice(0, -5))
          : [],
      );
    }
    return this.knownOperations;
  }

  /** The report for this run (also used by tests). */
  buildReport(result: Pick<FullResult, 'status' | 'startTime' | 'duration'>, extra: { projects?: string[] } = {}): DriftReport {
    const warnings = [...this.warnings];
    let ledger: Ledger;
    try {
      ledger = readLedger(this.ledgerFile);
    } catch (e) {
      warnings.push(`${(e as Error).message} Every finding is reported as new.`);
      ledger = emptyLedger();
    }
    const docFile = join(this.contractsDir, 'doc-findings.json');
    let docFindings: BuildInput['docFindings'] = null;
    if (existsSync(docFile)) {
      try {
        docFindings = {
          source: relative(process.cwd(), docFile) || docFile,
          file: JSON.parse(readFileSync(docFile, 'utf8')) as DocFindingsFile,
        };
      } catch (e) {
        warnings.push(`${docFile}: not JSON (${(e as Error).message}); doc findings left out. Regenerate with npm run contracts:extract.`);
      }
    }
    const env = process.env;
    const selection = checkSelection(env, warnings);
    const projects = [...new Set([...this.projectsRun, ...this.tests.map((t) => t.project), ...(extra.projects ?? [])])].sort();
    const clouds = this.tests
      .flatMap((t) => t.attachments.flatMap((a) => a.findings.map((f) => f.evidence.cloud)))
      .filter((c): c is string => c !== null)
      .sort();
    const run: RunFacts = {
      startedAt: result.startTime.toISOString(),
      durationMs: result.duration,
      status: result.status,
      projects,
      baseUrl: projects.includes('live') ? liveBaseUrl(env) : null,
      cloud: env.GRAPH_CLOUD ?? clouds[0] ?? null,
      contractsVersion: contractsVersion(this.contractsDir),
      ledger: relative(process.cwd(), this.ledgerFile) || this.ledgerFile,
      seed: selection.seed,
      allChecks: CHECK_NAMES,
      selected: selection.selected,
      notSelected: selection.notSelected,
      runErrors: [...this.runErrors],
      live: projects.includes('live') ? liveRunFacts(env) : null,
    };
    return buildReport({ run, tests: this.tests, ledger, docFindings, warnings });
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    if (this.tests.length === 0 && this.projectsRun.size === 0) return undefined;
    const report = this.write(this.buildReport(result));
    // Playwright's exit code follows the verdict (an interrupted run keeps its own status).
    return result.status === 'interrupted' ? undefined : { status: statusForVerdict(report.run.verdict) };
  }

  /**
   * The reports of a run that stopped before Playwright started (the live preflight): verdict error with `message`,
   * so no earlier run's drift.json is left behind looking current. Returns the report written.
   */
  writeRunError(message: string, projects: string[], startTime = new Date()): DriftReport {
    this.runErrors.push(redactLiveText(message));
    return this.write(this.buildReport({ status: 'failed', startTime, duration: Date.now() - startTime.getTime() }, { projects }));
  }

  private write(report: DriftReport): DriftReport {
    const md = renderMarkdown(report);
    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(join(this.outputDir, 'drift.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(this.outputDir, 'drift.md'), md);
    let history = [historyRecord(report)];
    if (this.historyDir) {
      writeHistoryRecord(this.historyDir, historyRecord(report));
      history = readHistory(this.historyDir).records;
    }
    writeFileSync(join(this.outputDir, 'drift.html'), renderHtml({ report, history }));
    const summaryFile = process.env.GITHUB_STEP_SUMMARY;
    if (this.stepSummary && summaryFile) appendFileSync(summaryFile, `${md}\n`);
    const where = relative(process.cwd(), this.outputDir) || '.';
    const s = report.summary;
    if (!this.quiet)
      process.stdout.write(
        `drift: ${report.run.verdict}, ${s.new} new, ${s.known} known, ${s.resolved} resolved -> ${where}/drift.md, ${where}/drift.html\n`,
      );
    return report;
  }

  printsToStdio(): boolean {
    return false;
  }
}

export default DriftReporter;
