import { fileNameOf, toCsv } from './csv';

describe('CSV export', () => {
  it('quotes what RFC 4180 requires and nothing else', () => {
    const rows = [
      { a: 'plain', b: 'has, comma' },
      { a: 'has "quote"', b: 'line\nbreak' },
      { a: null, b: 3 },
    ];
    const csv = toCsv(
      [
        { header: 'A', value: (r: (typeof rows)[number]) => r.a },
        { header: 'B', value: (r: (typeof rows)[number]) => r.b },
      ],
      rows,
    );
    expect(csv).toBe('A,B\r\nplain,"has, comma"\r\n"has ""quote""","line\nbreak"\r\n,3\r\n');
  });

  it.each([
    ['Countries', 'countries'],
    ['Teachers (distillation sources)', 'teachers-distillation-sources'],
    ['Events of the last 24 hours, newest first', 'events-of-the-last-24-hours-newest-first'],
  ])('names the file for %s', (title, name) => expect(fileNameOf(title)).toBe(name));
});
