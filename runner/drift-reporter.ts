/**
 * Collects the findings every conformance test attached and writes reports/drift.json: the run (time, target,
 * seed, duration), every finding, and per operation how many exchanges and findings it had.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { Finding } from '../checks/types.js';
import { FINDINGS_ATTACHMENT } from './report-findings.js';
import { baseSeed } from '../generators/payloads/seeds.js';

interface Attached {
  exchanges: number;
  cases: number;
  findings: Finding[];
}

export interface DriftReport {
  version: 1;
  run: { startedAt: string; durationMs: number; projects: string[]; seed: number; status: FullResult['status'] };
  totals: { tests: number; cases: number; exchanges: number; findings: number };
  findings: (Finding & { test: string; project: string })[];
}

const CONFORMANCE_PROJECTS = new Set(['mock', 'live']);

export default class DriftReporter implements Reporter {
  private readonly outputDir: string;
  private startedAt = new Date();
  private projects = new Set<string>();
  private tests = 0;
  private cases = 0;
  private exchanges = 0;
  private findings: DriftReport['findings'] = [];

  constructor(options: { outputDir?: string } = {}) {
    this.outputDir = resolve(options.outputDir ?? 'reports');
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.startedAt = new Date();
    for (const project of suite.suites) if (CONFORMANCE_PROJECTS.has(project.title) && project.allTests().length) this.projects.add(project.title);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const project = test.parent.project()?.name ?? '';
    if (!CONFORMANCE_PROJECTS.has(project)) return;
    this.tests++;
    for (const a of result.attachments) {
      if (a.name !== FINDINGS_ATTACHMENT || !a.body) continue;
      const data = JSON.parse(a.body.toString('utf8')) as Attached;
      this.cases += data.cases;
      this.exchanges += data.exchanges;
      for (const f of data.findings) this.findings.push({ ...f, test: test.titlePath().slice(2).join(' > '), project });
    }
  }

  onEnd(result: FullResult): void {
    if (this.projects.size === 0) return;
    const report: DriftReport = {
      version: 1,
      run: { startedAt: this.startedAt.toISOString(), durationMs: result.duration, projects: [...this.projects].sort(), seed: baseSeed(), status: result.status },
      totals: { tests: this.tests, cases: this.cases, exchanges: this.exchanges, findings: this.findings.length },
      findings: this.findings.sort((a, b) => `${a.operation} ${a.check} ${a.pointer}`.localeCompare(`${b.operation} ${b.check} ${b.pointer}`)),
    };
    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(join(this.outputDir, 'drift.json'), `${JSON.stringify(report, null, 2)}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
