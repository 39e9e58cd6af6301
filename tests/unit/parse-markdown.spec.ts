/**
 * The markdown form of a doc page: invented widget pages (tests/fixtures/docs) and small inline pages, one quirk
 * each. What throws (DocParseError) and what only warns is spelled out in the last describe block.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DocParseError } from '../../generators/contracts/doc-page.js';
import type { DocPage } from '../../generators/contracts/doc-page.js';
import { markdownToPlain } from '../../generators/contracts/inline-markdown.js';
import { parseJsonText } from '../../generators/contracts/json-text.js';
import { parseMarkdownPage } from '../../generators/contracts/parse-markdown.js';
import { parseDocPage } from '../../generators/contracts/parse-page.js';
import { readPageLines } from '../../generators/contracts/page-lines.js';
import { REPO_ROOT } from '../support/shared.js';

const fixture = (name: string): string => readFileSync(resolve(REPO_ROOT, 'tests/fixtures/docs', name), 'utf8');

/** Expects parse to throw a DocParseError and returns it. */
function parseError(file: string, text: string): DocParseError {
  try {
    parseMarkdownPage(file, text);
  } catch (e) {
    expect(e).toBeInstanceOf(DocParseError);
    return e as DocParseError;
  }
  throw new Error('expected a DocParseError');
}

const operation = (example: string): string =>
  [
    '# Do widget',
    '',
    '## HTTP Request',
    '``` http',
    'POST /widgetManagement/widgets',
    '```',
    '',
    '## Response',
    'If successful, this method returns a `200 OK` response code.',
    '',
    '## Example',
    '### Request',
    example,
  ].join('\n');

test.describe('markdown: the widget create page', () => {
  let page: DocPage;
  test.beforeAll(() => {
    page = parseMarkdownPage('api/widget-create.md', fixture('widget-create.md'));
  });

  test('reads front matter, ms.date, title, description and page type', () => {
    expect(page.format).toBe('markdown');
    expect(page.frontMatter['title']).toBe('Create widget');
    expect(page.frontMatter['doc_type']).toBe('apiPageType');
    expect(page.msDate).toBe('2023-03-07');
    expect(page.title).toBe('Create widget');
    expect(page.description).toBe('Create a new widget object.');
    expect(page.pageType).toBe('operation');
    expect(page.warnings).toEqual([]);
  });

  test('reduces table cells to plain text: links, entities, backticks', () => {
    expect(page.tables.map((t) => t.section)).toEqual(['Permissions', 'Request headers', 'Request body']);
    const [perms, headers, body] = page.tables;
    expect(perms?.header).toEqual(['Permission type', 'Permissions (from least to most privileged)']);
    expect(perms?.rows[2]).toEqual({ cells: ['Application', 'Widget.Read.All, Widget.ReadWrite.All'], line: 27 });
    expect(headers?.rows[0]?.cells).toEqual(['Authorization', 'Bearer <token> Required. See auth basics.']);
    expect(body?.rows.map((r) => r.cells)).toEqual([
      ['id', 'String', 'Identifier of the widget. Assigned by the service.'],
      ['label', 'String', 'Name shown for the widget, e.g. Blue gear.'],
      ['parts', 'widgetPart collection', 'The parts of the widget; write-only.'],
      ['partCount', 'Int32', 'How many parts the widget has.'],
    ]);
    expect(body?.line).toBe(49);
  });

  test('finds the HTTP request line, the annotation and the statements', () => {
    expect(page.httpRequest).toEqual({ method: 'POST', path: '/widgetManagement/widgets', line: 35 });
    expect(page.annotations).toEqual([{ line: 30, value: { blockType: 'ignored' } }]);
    expect(page.responseStatement).toEqual({
      status: 201,
      text: 'If successful, this method returns a 201 Created response code and a widget object in the response body.',
      line: 57,
    });
    expect(page.requestBodyStatement).toEqual({
      text: 'The following table lists the properties you can set when you create a widget.',
      line: 47,
    });
    expect(page.noRequestBody).toBe(false);
  });

  test('splits the examples into start line, headers with lines and body', () => {
    const req = page.exampleRequest;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('https://graph.microsoft.com/beta/widgetManagement/widgets');
    expect(req?.headers).toEqual([
      { name: 'Content-type', value: 'application/json', line: 65 },
      { name: 'Content-length', value: '120', line: 66 },
    ]);
    expect(req?.blankLineBeforeHeaders).toBe(false);
    expect(req?.bodyLine).toBe(68);
    expect(req?.bodyText?.split('\n')[0]).toBe('{');
    expect(req?.bodyText?.split('\n').at(-1)).toBe('}');
    expect(req?.body).toEqual({
      '@odata.type': '#microsoft.graph.widget',
      label: 'Blue gear',
      parts: [{ serial: 'S-1 }}] not the end' }],
      partCount: 1,
    });
    const res = page.exampleResponse;
    expect(res?.status).toBe(201);
    expect(res?.startLine).toBe('HTTP/1.1 201 Created');
    expect(res?.headers.map((h) => h.name)).toEqual(['Content-Type']);
    expect((res?.body as Record<string, unknown>)['id']).toBe('00000000-0000-0000-0000-000000000001');
  });
});

test.describe('markdown: the widget part resource page', () => {
  let page: DocPage;
  test.beforeAll(() => {
    page = parseMarkdownPage('resources/widgetpart.md', fixture('widget-resource.md'));
  });

  test('joins a cell that continues on the next line, and unescapes its regex', () => {
    const props = page.tables.find((t) => t.section === 'Properties');
    expect(props?.rows).toHaveLength(3);
    expect(props?.rows[0]).toEqual({
      cells: [
        'serial',
        'String',
        "Serial number printed on the part. The input must match the following regular expression: '^[A-Z]-[0-9]{1,4}$'.",
      ],
      line: 23,
    });
    expect(props?.rows[1]?.line).toBe(25);
    expect(props?.rows[2]?.cells).toEqual(['grade', 'widgetGrade', 'Quality grade. Possible values are: low, high.']);
    expect(page.warnings).toEqual([]);
  });

  test('reads page type, inheritance, methods and the JSON representation', () => {
    expect(page.pageType).toBe('resource');
    expect(page.inheritsFrom).toBe('widgetComponent');
    expect(page.description).toBe('One part of a widget, as supplied by its maker.');
    expect(page.tables[0]?.rows[0]?.cells).toEqual(['List widgetParts', 'widgetPart collection', 'List the widgetPart objects.']);
    expect(page.jsonRepresentation?.line).toBe(39);
    expect(page.jsonRepresentation?.body).toEqual({
      '@odata.type': '#microsoft.graph.widgetPart',
      serial: 'String',
      maker: 'String',
      grade: 'String',
    });
    expect(page.annotations[0]?.value).toEqual({ blockType: 'resource', '@odata.type': 'microsoft.graph.widgetPart' });
    expect(page.httpRequest).toBeNull();
    expect(page.responseStatement).toBeNull();
  });
});

test.describe('markdown quirks', () => {
  test('a BOM without front matter: the title and line numbers are as if there were no BOM', () => {
    const text = '\uFEFF# widgetGrade enum type\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n|low|0|Low.|\n';
    const page = parseMarkdownPage('resources/widgetgrade.md', text);
    expect(page.title).toBe('widgetGrade enum type');
    expect(page.frontMatter).toEqual({});
    expect(page.msDate).toBeNull();
    expect(page.pageType).toBe('enum');
    expect(page.tables[0]).toEqual({
      section: 'Members',
      header: ['Member', 'Value', 'Description'],
      rows: [{ cells: ['low', '0', 'Low.'], line: 6 }],
      line: 4,
    });
    expect(readPageLines('f.md', '\uFEFF# T\nx')).toEqual({
      bom: true,
      lines: [
        { text: '# T', line: 1 },
        { text: 'x', line: 2 },
      ],
    });
    // With the BOM, the heading on line 1 is still what makes this markdown rather than page text.
    expect(parseDocPage('f.md', '\uFEFF# widgetGrade enum type\n\nGrades of widgets.\n').format).toBe('markdown');
  });

  test('a blank line between the request line and its headers is flagged, and the headers still read', () => {
    const page = parseMarkdownPage(
      'api/widget-do.md',
      operation(
        [
          '``` http',
          'POST https://graph.microsoft.com/beta/widgetManagement/widgets/do',
          '',
          'Content-type: application/json',
          '',
          '{',
          '  "go": true',
          '}',
          '```',
        ].join('\n'),
      ),
    );
    const req = page.exampleRequest;
    expect(req?.blankLineBeforeHeaders).toBe(true);
    expect(req?.headers).toEqual([{ name: 'Content-type', value: 'application/json', line: 16 }]);
    expect(req?.body).toEqual({ go: true });
    expect(req?.bodyLine).toBe(18);
  });

  test('a 204 response without a body, and a page that says not to send one', () => {
    const page = parseMarkdownPage('api/widget-delete.md', fixture('widget-delete.md'));
    expect(page.noRequestBody).toBe(true);
    expect(page.requestBodyStatement).toBeNull();
    expect(page.responseStatement?.status).toBe(204);
    expect(page.exampleRequest?.bodyText).toBeNull();
    expect(page.exampleResponse).toMatchObject({ status: 204, headers: [], bodyText: null, bodyLine: null, line: 17 });
    expect(page.exampleResponse?.body).toBeUndefined();
    expect(page.warnings).toEqual([]);
  });

  test('an example body that is not JSON: bodyError with line and column, a warning, no throw', () => {
    const example = ['``` http', 'POST /widgetManagement/widgets', '', '{', '  "a": 1,', '}', '```'].join('\n');
    const page = parseMarkdownPage('api/widget-do.md', operation(example));
    const req = page.exampleRequest;
    expect(req?.bodyText).toBe('{\n  "a": 1,\n}');
    expect(req?.body).toBeUndefined();
    expect(req?.bodyError).toBe("line 18, column 1: trailing comma before '}'");
    expect(page.warnings).toEqual([
      {
        line: 18,
        message: "the example request body (from line 16) is not valid JSON: line 18, column 1: trailing comma before '}'",
      },
    ]);
  });

  test('an unterminated code fence is a warning naming its line; what precedes it still parses', () => {
    const unclosed = ['``` http', 'POST /widgetManagement/widgets', '', '{ "a": 1 }', ''].join('\n');
    const page = parseMarkdownPage('api/widget-do.md', operation(unclosed));
    expect(page.warnings).toHaveLength(1);
    expect(page.warnings[0]?.line).toBe(13);
    expect(page.warnings[0]?.message).toMatch(/never closed.*add a closing ``` line/);
    expect(page.httpRequest?.method).toBe('POST');
    expect(page.responseStatement?.status).toBe(200);
    expect(page.exampleRequest?.body).toEqual({ a: 1 });
  });

  test('a pipe table row with the wrong number of cells is kept and warned about, with its line', () => {
    const text = [
      '# widget resource type',
      '## Properties',
      '|Property|Type|Description|',
      '|:---|:---|:---|',
      '|a|String|One.|',
      '|b|String|',
    ].join('\n');
    const page = parseMarkdownPage('resources/widget.md', text);
    expect(page.tables[0]?.rows.map((r) => r.cells)).toEqual([
      ['a', 'String', 'One.'],
      ['b', 'String'],
    ]);
    expect(page.warnings).toHaveLength(1);
    expect(page.warnings[0]?.line).toBe(6);
    expect(page.warnings[0]?.message).toContain('2 cells but its header (line 3) has 3');
  });

  test('HTTP Request with two lines keeps the first (as a relative path) and warns; a Response without status warns', () => {
    const text = [
      '# List widgets',
      '## HTTP Request',
      '```http',
      'GET https://graph.microsoft.com/beta/widgetManagement/widgets',
      'GET /widgetManagement/widgets/{widgetId}/children',
      '```',
      '## Response',
      'If successful, this method returns the widgets.',
    ].join('\n');
    const page = parseMarkdownPage('api/widget-list.md', text);
    expect(page.httpRequest).toEqual({ method: 'GET', path: '/widgetManagement/widgets', line: 4 });
    expect(page.responseStatement).toBeNull();
    expect(page.warnings).toEqual([
      { line: 5, message: "the 'HTTP Request' section shows 2 request lines; the first (line 4) was kept" },
      {
        line: 7,
        message: "the 'Response' section names no status code (expected e.g. 'returns a 200 OK response code')",
      },
    ]);
  });

  test('an annotation that is not JSON is a warning; other HTML comments are ignored', () => {
    const text = [
      '# widget resource type',
      '<!-- a plain comment -->',
      '<!-- {',
      '  "blockType": resource',
      '}',
      '-->',
      '## Properties',
      'None',
    ].join('\n');
    const page = parseMarkdownPage('resources/widget.md', text);
    expect(page.annotations).toEqual([]);
    expect(page.warnings.map((w) => w.line)).toEqual([3]);
    expect(page.warnings[0]?.message).toContain('annotation comment is not valid JSON');
  });
});

test.describe('markdown: what throws and what warns', () => {
  test('an empty file throws, naming line 1 and what to give instead', () => {
    const e = parseError('api/empty.md', '  \n\n');
    expect(e.file).toBe('api/empty.md');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/^api\/empty\.md:1: the file is empty; give the extractor a Graph doc page/);
  });

  test('binary content throws, naming the line where it starts', () => {
    const e = parseError('api/blob.md', `# ok\nline two\n\u0000\u0001\u0002PK\u0003\u0004\uFFFD\uFFFD`);
    expect(e.line).toBe(3);
    expect(e.reason).toMatch(/not text.*saved as UTF-8/);
  });

  test('a page with no title and no recognisable sections throws', () => {
    const e = parseError('api/notes.md', 'Just some notes.\n\nNothing else.\n');
    expect(e.reason).toMatch(/no recognisable doc page sections; expected headings such as 'HTTP Request'/);
  });

  test('a page with a title but no recognisable sections only warns, and says unknown', () => {
    const page = parseMarkdownPage('api/stub.md', '# Widget notes\n\nTo be written.\n');
    expect(page.pageType).toBe('unknown');
    expect(page.description).toBe('To be written.');
    expect(page.warnings[0]?.message).toMatch(/no recognisable sections after the title/);
  });

  test('an unclosed front matter and a bad ms.date are warnings', () => {
    const open = parseMarkdownPage('api/a.md', '---\ntitle: x\n# Widget\n## Properties\nNone\n');
    expect(open.warnings[0]).toMatchObject({ line: 1 });
    expect(open.warnings[0]?.message).toMatch(/never closed; add a '---' line/);
    const badDate = parseMarkdownPage('api/b.md', '---\nms.date: someday\n---\n# Widget\n## Properties\nNone\n');
    expect(badDate.msDate).toBeNull();
    expect(badDate.warnings).toEqual([{ line: 2, message: "ms.date 'someday' is not a date in MM/DD/YYYY form; it was ignored" }]);
  });
});

test.describe('inline text and JSON helpers', () => {
  test('markdownToPlain reduces links, entities, escapes, code spans and bold', () => {
    expect(markdownToPlain('See [the *guide*](../x.md) &amp; `a\\b` **now**')).toBe('See the *guide* & a\\b now');
    expect(markdownToPlain("'^\\[a-z\\-\\]*$' &#60;&#x3E; \\[not a link\\](x)")).toBe("'^[a-z-]*$' <> [not a link](x)");
    expect(markdownToPlain('one<br/>two   three')).toBe('one two three');
  });

  test('parseJsonText locates the first mistake by line and column', () => {
    expect(parseJsonText('{\n  "a": 1\n  "b": 2\n}', 10)).toMatchObject({
      ok: false,
      line: 12,
      column: 3,
      error: "line 12, column 3: expected ',' or '}' after a property value",
    });
    expect(parseJsonText('{ "a": "x', 1)).toMatchObject({ ok: false, line: 1, column: 10 });
    expect(parseJsonText('[1, 2]', 1)).toEqual({ ok: true, value: [1, 2] });
  });
});
