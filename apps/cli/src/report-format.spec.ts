import { parseCsv } from '@pedigree/testing';
import { CliError } from './registry-client';
import { csvField, markdownCell, renderCsv, renderCsvReport, renderMarkdownTable, renderTextTable, Report, reportFormat } from './report-format';

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['Meta Platforms, Inc.', '"Meta Platforms, Inc."'],
    ['→ arrows stay', '→ arrows stay'],
  ])('%j → %j', (input, expected) => expect(csvField(input)).toBe(expected));

  it('parses back to the same rows, with CRLF line ends', () => {
    const rows = [
      { a: 'x,y', b: 'he said "no"', c: 1.5 },
      { a: 'multi\nline', b: null, c: 0 },
      { a: ['CN', 'US'], b: true, c: -2 },
    ];
    const text = renderCsv(
      [
        { key: 'a', header: 'a' },
        { key: 'b', header: 'b "q"' },
        { key: 'c', header: 'c' },
      ],
      rows,
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['a', 'b "q"', 'c'],
      ['x,y', 'he said "no"', '1.5'],
      ['multi\nline', '', '0'],
      ['CN; US', 'true', '-2'],
    ]);
  });

  it('puts a whole report in one document with a section column and the union of columns', () => {
    const report: Report = {
      title: 't',
      summary: [],
      sections: [
        {
          title: 'Countries',
          columns: [
            { key: 'country', header: 'country' },
            { key: 'share', header: 'share' },
          ],
          rows: [{ country: 'CN', share: 0.5 }],
        },
        {
          title: 'Vendors',
          columns: [
            { key: 'vendor', header: 'vendor' },
            { key: 'share', header: 'share' },
          ],
          rows: [{ vendor: 'Meta Platforms, Inc.', share: 0.25 }],
        },
      ],
    };
    expect(parseCsv(renderCsvReport(report))).toEqual([
      ['section', 'country', 'share', 'vendor'],
      ['Countries', 'CN', '0.5', ''],
      ['Vendors', '', '0.25', 'Meta Platforms, Inc.'],
    ]);
  });
});

describe('renderTextTable', () => {
  it('aligns columns by code points, numbers to the right, lists joined and null as a dash', () => {
    const lines = renderTextTable({
      columns: [
        { key: 'name', header: 'name' },
        { key: 'n', header: 'n', align: 'right' },
        { key: 'kinds', header: 'through' },
      ],
      rows: [
        { name: 'a → b', n: 1, kinds: ['WEIGHTS', 'DISTILLATION'] },
        { name: 'long name', n: 100, kinds: [] },
        { name: null, n: 7, kinds: ['X'] },
      ],
    });
    expect(lines).toEqual([
      'name         n  through',
      '─────────  ───  ─────────────────────',
      'a → b        1  WEIGHTS, DISTILLATION',
      'long name  100  —',
      '—            7  X',
    ]);
  });

  it('uses a column’s human format and keeps each row on one line', () => {
    const lines = renderTextTable({
      columns: [
        { key: 's', header: 'share', human: (v) => `${Number(v) * 100} %` },
        { key: 't', header: 't' },
      ],
      rows: [{ s: 0.5, t: 'a\nb' }],
    });
    expect(lines[2]).toBe('50 %   a b');
  });
});

describe('Markdown', () => {
  it.each([
    ['plain', 'plain'],
    ['a|b', 'a\\|b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two<br>lines'],
  ])('cell %j → %j', (input, expected) => expect(markdownCell(input)).toBe(expected));

  it('renders a GitHub table with right-aligned numeric columns', () => {
    expect(
      renderMarkdownTable({
        columns: [
          { key: 'v', header: 'vendor' },
          { key: 'n', header: 'members', align: 'right' },
        ],
        rows: [{ v: 'A|B', n: 3 }],
      }),
    ).toEqual(['| vendor | members |', '|---|---:|', '| A\\|B | 3 |']);
  });
});

describe('reportFormat', () => {
  it.each([
    [{}, 'table'],
    [{ json: true }, 'json'],
    [{ csv: true }, 'csv'],
    [{ markdown: true }, 'markdown'],
    [{ format: 'CSV' }, 'csv'],
    [{ format: 'json', json: true }, 'json'],
  ])('%j → %s', (flags, expected) => expect(reportFormat(flags)).toBe(expected));

  it.each([
    [{ csv: true, markdown: true }, /--csv and --markdown/],
    [{ json: true, format: 'table' }, /--format table and --json/],
    [{ format: 'xml' }, /--format must be one of table, json, csv, markdown; got "xml"/],
  ])('%j is a usage error', (flags, message) => {
    expect(() => reportFormat(flags)).toThrow(message);
    expect(() => reportFormat(flags)).toThrow(CliError);
  });

  it('takes the allowed list of a command, first as the default', () => expect(reportFormat({}, ['tree', 'mermaid'])).toBe('tree'));
});
