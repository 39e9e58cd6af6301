/** reports/doc-history.md: the history for people, newest commit last, one line per contract change. */
import type { ContractChange } from './contract-diff.js';
import type { DocHistory, HistoryCommit } from './history.js';

const MAX_VALUE = 140;

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return `\`${text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text}\``;
}

function whole(c: ContractChange, value: unknown): string {
  if (c.subject === 'operation' && value && typeof value === 'object') {
    const op = value as { method?: string; path?: string };
    return `${op.method ?? '?'} ${op.path ?? '?'}`;
  }
  return 'the whole type';
}

export function changeLine(c: ContractChange): string {
  const where = `${c.subject} \`${c.id}\` ${c.pointer ? `\`${c.pointer}\`` : ''}`.trimEnd();
  if (c.pointer === '') return `- ${where}: ${c.kind} (${whole(c, c.kind === 'removed' ? c.before : c.after)})`;
  if (c.kind === 'added') return `- ${where}: added ${show(c.after)}`;
  if (c.kind === 'removed') return `- ${where}: removed (was ${show(c.before)})`;
  return `- ${where}: ${show(c.before)} → ${show(c.after)}`;
}

function filesLine(commit: HistoryCommit): string {
  const files = commit.files.map((f) => (f.from ? `${f.status} \`${f.from}\` → \`${f.path}\`` : `${f.status} \`${f.path}\``));
  if (files.length <= 6) return files.join(', ');
  return `${files.slice(0, 6).join(', ')} and ${files.length - 6} more`;
}

function commitSection(commit: HistoryCommit): string[] {
  const lines = [`### ${commit.date.slice(0, 10)} · \`${commit.hash.slice(0, 10)}\` · ${commit.subject.replace(/\n/g, ' ')}`, ''];
  if (commit.files.length) lines.push(`files: ${filesLine(commit)}`, '');
  if (commit.error)
    lines.push(`Extraction failed at this commit (${commit.error}); the next commit is compared with the last one that extracted.`);
  else if (commit.changes.length === 0) lines.push('No contract change (the pages changed, what they promise did not).');
  else lines.push(...commit.changes.map(changeLine));
  if (commit.skipped.length)
    lines.push('', `${commit.skipped.length} part(s) the extractor skipped at this commit: ${commit.skipped.slice(0, 3).join('; ')}`);
  lines.push('');
  return lines;
}

export function docHistoryMarkdown(history: DocHistory): string {
  const changed = history.commits.filter((c) => c.changes.length > 0).length;
  const total = history.commits.reduce((n, c) => n + c.changes.length, 0);
  const last = history.commits.at(-1);
  const lines = [
    '# Doc history: the contracts, commit by commit',
    '',
    `${history.commits.length} commit(s) touched the family's pages${history.since ? ` since ${history.since}` : ''}; ${changed} changed a contract (${total} change(s) in all).${last ? ` Now: ${last.operations} operations, ${last.types} types from ${last.pages} pages.` : ''}`,
    '',
  ];
  if (history.baseline) {
    const b = history.baseline;
    lines.push(
      `Compared from \`${b.hash.slice(0, 10)}\` (${b.date.slice(0, 10)}, ${b.subject}): ${b.operations} operations, ${b.types} types.`,
      '',
    );
  }
  for (const c of history.commits) lines.push(...commitSection(c));
  return `${lines.join('\n').trimEnd()}\n`;
}
