'use strict';
// docs/benchmarks.md is a header plus "## " sections, each owned by one benchmark, which rewrites only its own.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ROOT } = require('./paths');

const FILE = join(ROOT, 'docs/benchmarks.md');
const HEADER =
  '# Benchmarks\n\n' +
  'Figures from `npm run bench` (the suite, one run at 1M checkpoints) and `npm run bench:registration` ' +
  '(audit trail on vs off) on the project machine (2 cores). Benchmarks are not part of `npm test`.\n';
/** Sections in this order; any other section stays after them, in its old order. */
const ORDER = ['Suite', 'Registration throughput, audit trail on vs off'];

function readSections() {
  let doc;
  try {
    doc = readFileSync(FILE, 'utf8');
  } catch {
    return new Map();
  }
  const sections = new Map();
  for (const part of doc.split(/^(?=## )/m).slice(1)) {
    const title = /^## (.*)$/m.exec(part)[1].trim();
    sections.set(title, part.trimEnd());
  }
  return sections;
}

/** Replaces (or adds) the section `## <title>` with `body` and rewrites the file. Returns the file path. */
function writeSection(title, body) {
  const sections = readSections();
  sections.set(title, `## ${title}\n\n${body.trim()}`);
  const titles = [...ORDER.filter((t) => sections.has(t)), ...[...sections.keys()].filter((t) => !ORDER.includes(t))];
  writeFileSync(FILE, `${HEADER}\n${titles.map((t) => sections.get(t)).join('\n\n')}\n`);
  return FILE;
}

module.exports = { writeSection, FILE };
