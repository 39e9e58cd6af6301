/**
 * The rendered page text form: the invented widget pages in both page text styles (plain-line tables with blank
 * lines; padded pipe rows without blank lines), equality with the markdown source of the same page, the quirks,
 * the form detection, and what throws.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DocParseError } from '../../generators/contracts/doc-page.js';
import type { DocPage } from '../../generators/contracts/doc-page.js';
import { essentialContent } from '../../generators/contracts/doc-page-content.js';
import { detectDocFormat, parseDocPage } from '../../generators/contracts/parse-page.js';
import { parseMarkdownPage } from '../../generators/contracts/parse-markdown.js';
import { parsePageTextPage, titleFromSentence } from '../../generators/contracts/parse-page-text.js';
import { splitPlainRow } from '../../generators/contracts/plain-line-tables.js';
import { REPO_ROOT } from '../support/shared.js';

const fixture = (name: string): string => readFileSync(resolve(REPO_ROOT, 'tests/fixtures/docs', name), 'utf8');

/** A small operation page in page text; the example lines start at line 10. */
const operationText = (...example: string[]): string =>
  [
    'Do widget',
    'Namespace: microsoft.graph',
    'Do something to a widget.',
    'HTTP Request',
    'POST /widgetManagement/widgets/do',
    'Response',
    'If successful, this method returns a 200 OK response code.',
    'Example',
    'Request',
    ...example,
  ].join('\n');

test.describe('page text: the widget create page (plain-line tables)', () => {
  let text: DocPage;
  let markdown: DocPage;
  test.beforeAll(() => {
    text = parsePageTextPage('docs/widget-create.txt', fixture('widget-create.txt'));
    markdown = parseMarkdownPage('docs/widget-create.md', fixture('widget-create.md'));
  });

  test('gives the same essential content as the markdown source of the same page', () => {
    expect(essentialContent(text)).toEqual(essentialContent(markdown));
    // and that content is not trivially empty
    expect(text.tables).toHaveLength(3);
    expect(text.exampleRequest?.body).toBeDefined();
    expect(text.exampleResponse?.body).toBeDefined();
  });

  test('is page text with no front matter, and carries its own line numbers', () => {
    expect(text.format).toBe('page-text');
    expect(text.frontMatter).toEqual({});
    expect(text.msDate).toBeNull();
    expect(text.title).toBe('Create widget');
    expect(text.warnings).toEqual([]);
    expect(text.httpRequest).toEqual({ method: 'POST', path: '/widgetManagement/widgets', line: 24 });
    expect(text.responseStatement?.line).toBe(46);
    expect(text.exampleRequest?.line).toBe(54);
    expect(text.exampleRequest?.bodyLine).toBe(58);
  });

  test('splits plain-line table rows by the columns each table is known to have', () => {
    const [perms, headers, body] = text.tables;
    expect(perms?.rows[1]).toEqual({ cells: ['Delegated (personal Microsoft account)', 'Not supported.'], line: 19 });
    expect(headers?.rows[0]?.cells).toEqual(['Authorization', 'Bearer <token> Required. See auth basics.']);
    expect(body?.rows[2]).toEqual({
      cells: ['parts', 'widgetPart collection', 'The parts of the widget; write-only.'],
      line: 41,
    });
  });

  test('ends an inline JSON body at its matching brace, ignoring braces inside strings', () => {
    const body = text.exampleRequest?.bodyText?.split('\n') ?? [];
    expect(body[0]).toBe('{');
    expect(body.at(-1)).toBe('}');
    expect(body).toHaveLength(10);
  });
});

test.describe('page text: the widget update page (padded pipe rows, no blank lines, no title line)', () => {
  let page: DocPage;
  test.beforeAll(() => {
    page = parsePageTextPage('docs/widget-update.txt', fixture('widget-update.txt'));
  });

  test('derives the title from the first sentence after the namespace, and says so', () => {
    expect(page.title).toBe('Update widget');
    expect(page.description).toBe('Update the properties of a widget object.');
    expect(page.warnings).toEqual([
      {
        line: 5,
        message:
          "the page text has no title line; the title 'Update widget' was derived from the sentence " +
          "'Update the properties of a widget object.'",
      },
    ]);
  });

  test('reads padded pipe rows, including the national cloud table before any section', () => {
    expect(page.tables.map((t) => t.section)).toEqual(['', 'Permissions', 'Request headers', 'Request body']);
    expect(page.tables[0]?.rows[0]?.cells).toEqual(['✅', '✅', '❌', '❌']);
    expect(page.tables[1]?.header).toEqual(['Permission type', 'Permissions (from least to most privileged)']);
    expect(page.tables[3]?.rows).toEqual([
      { cells: ['label', 'String', 'Name shown for the widget.'], line: 29 },
      { cells: ['partCount', 'Int32', 'How many parts the widget has.'], line: 30 },
    ]);
  });

  test('finds request line, statements and examples without blank lines between sections', () => {
    expect(page.pageType).toBe('operation');
    expect(page.httpRequest).toEqual({ method: 'PATCH', path: '/widgetManagement/widgets/{widgetId}', line: 18 });
    expect(page.responseStatement?.status).toBe(200);
    expect(page.requestBodyStatement?.text).toBe('The following table lists the properties you can set when you update a widget.');
    expect(page.exampleRequest).toMatchObject({
      method: 'PATCH',
      headers: [{ name: 'Content-type', value: 'application/json', line: 37 }],
      bodyText: '{\n  "label": "Red gear"\n}',
      bodyLine: 38,
      body: { label: 'Red gear' },
    });
    expect(page.exampleResponse).toMatchObject({ status: 200, bodyLine: 45 });
    expect((page.exampleResponse?.body as Record<string, unknown>)['partCount']).toBe(1);
  });
});

test.describe('page text quirks', () => {
  test('a blank line between the request line and its headers', () => {
    const page = parsePageTextPage(
      'x.txt',
      operationText(
        'POST https://graph.microsoft.com/beta/w/do',
        '',
        'Content-type: application/json',
        '',
        '{ "go": true }',
        'Response',
        'HTTP/1.1 200 OK',
      ),
    );
    expect(page.exampleRequest).toMatchObject({ blankLineBeforeHeaders: true, body: { go: true }, bodyLine: 14 });
    expect(page.exampleRequest?.headers).toEqual([{ name: 'Content-type', value: 'application/json', line: 12 }]);
    expect(page.exampleResponse?.status).toBe(200);
  });

  test('a 204 response shows no body', () => {
    const page = parsePageTextPage(
      'x.txt',
      operationText('DELETE https://graph.microsoft.com/beta/w/1', 'Response', 'HTTP/1.1 204 No Content', ''),
    );
    expect(page.exampleResponse).toMatchObject({ status: 204, headers: [], bodyText: null, bodyLine: null });
    expect(page.exampleRequest?.bodyText).toBeNull();
  });

  test('a body whose brackets never close: bodyError, and warnings naming the lines', () => {
    const page = parsePageTextPage(
      'x.txt',
      operationText(
        'POST https://graph.microsoft.com/beta/w/do',
        'Content-type: application/json',
        '{',
        '  "a": [1, 2',
        '}',
        'Response',
        'HTTP/1.1 200 OK',
      ),
    );
    expect(page.exampleRequest?.bodyText).toBe('{\n  "a": [1, 2\n}');
    expect(page.exampleRequest?.bodyError).toBe("line 14, column 1: expected ',' or ']' after an array item");
    expect(page.warnings.map((w) => w.line)).toEqual([12, 14]);
    expect(page.warnings[0]?.message).toMatch(/never closes .* read up to line 14/);
    expect(page.exampleResponse?.status).toBe(200);
  });

  test('plain-line rows of member and method tables, and rows that do not fit end the table', () => {
    const split = splitPlainRow;
    expect(split('member', 'installed 3 The thing is installed.')).toEqual(['installed', '3', 'The thing is installed.']);
    expect(split('method', 'Get widget widget Read the widget.')).toEqual(['Get widget', 'widget', 'Read the widget.']);
    expect(split('method', 'Delete widget None Deletes a widget.')).toEqual(['Delete widget', 'None', 'Deletes a widget.']);
    expect(splitPlainRow('property', 'Response')).toBeNull();
    expect(splitPlainRow('permission', 'Nobody Widget.Read.All')).toBeNull();
    const page = parsePageTextPage(
      'r.txt',
      [
        'widgetGrade enum type',
        'Namespace: microsoft.graph',
        'Grades.',
        'Members',
        'Member Value Description',
        'low 0 Low grade.',
        'high 1 High grade.',
        'That is all.',
      ].join('\n'),
    );
    expect(page.pageType).toBe('enum');
    expect(page.tables[0]?.rows.map((r) => r.cells[0])).toEqual(['low', 'high']);
  });

  test('titles derived from the generated Graph sentences', () => {
    expect(titleFromSentence('Create a new widget object.')).toBe('Create widget');
    expect(titleFromSentence('Read properties and relationships of the widget object.')).toBe('Get widget');
    expect(titleFromSentence('List properties and relationships of the widget objects.')).toBe('List widgets');
    expect(titleFromSentence('Deletes a widget.')).toBe('Delete widget');
    expect(titleFromSentence('Polish every widget.')).toBe('Polish every widget');
  });
});

test.describe('form detection and what throws', () => {
  test('markdown is told apart by front matter, a # heading or a fence; the rest is page text', () => {
    expect(detectDocFormat('a', fixture('widget-create.md'))).toBe('markdown');
    expect(detectDocFormat('a', '\uFEFF# T\n## Properties\n')).toBe('markdown');
    expect(detectDocFormat('a', fixture('widget-create.txt'))).toBe('page-text');
    expect(detectDocFormat('a', fixture('widget-update.txt'))).toBe('page-text');
    expect(parseDocPage('docs/widget-update.txt', fixture('widget-update.txt')).format).toBe('page-text');
    expect(parseDocPage('docs/widget-resource.md', fixture('widget-resource.md')).format).toBe('markdown');
  });

  test('page text with no recognisable sections throws, naming the file', () => {
    let error: unknown;
    try {
      parseDocPage('notes.txt', 'Shopping list\nEggs\nMilk\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocParseError);
    expect((error as DocParseError).message).toMatch(/^notes\.txt:1: no recognisable doc page sections; expected headings/);
  });

  test('empty and binary page text throw', () => {
    expect(() => parseDocPage('e.txt', '')).toThrow(/e\.txt:1: the file is empty/);
    const garbage = '\uFFFD\uFFFD\u0007\u0001garbage\uFFFD';
    expect(() => parseDocPage('b.txt', garbage)).toThrow(/b\.txt:1: the file is not text/);
  });
});
