import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { settingList } from './config';

/** The README's configuration table, row by row: `| \`NAME\` | default | meaning |`. */
function readmeRows(): Map<string, string> {
  const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('### Configuration'));
  const rows = new Map<string, string>();
  for (const line of table.split('\n').slice(0, 200)) {
    const m = /^\| `([A-Z_]+)` \| ([^|]+) \|/.exec(line);
    if (m) rows.set(m[1], m[2].trim().replace(/`/g, ''));
  }
  return rows;
}

describe('README configuration table', () => {
  const rows = readmeRows();

  it('lists every variable the registry reads, and no other', () => {
    expect([...rows.keys()].sort()).toEqual(
      settingList()
        .map((s) => s.name)
        .sort(),
    );
  });

  it.each(settingList().map((s) => [s.name, s.shownDefault.replace(/`/g, '')]))('shows the real default of %s', (name, shown) => {
    expect(rows.get(name)).toBe(shown);
  });
});
