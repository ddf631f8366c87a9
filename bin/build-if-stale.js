#!/usr/bin/env node
'use strict';
// `npm start` runs this before the server: a full `nest build` takes most of a minute on a small
// machine, so it runs only when something that goes into dist/ changed since the last build.
// The stamp holds a hash of the contents (not mtimes: a checkout or a copy touches every file
// without changing it, and a clock step could hide an edit), and it is written only after a
// build succeeded, so a failed build is retried on the next start.
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..');
const STAMP = join(ROOT, 'dist', '.build-stamp');
const ENTRY = join(ROOT, 'dist', 'apps', 'registry', 'src', 'main.js');
const SOURCES = ['apps', 'libs', 'migrations'];
const TOP_FILES = /^(tsconfig.*\.json|package\.json|package-lock\.json|nest-cli\.json)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** The hash of everything that goes into dist/, under `root` (the checkout; a test passes its own tree). */
function sourceHash(root = ROOT) {
  const hash = createHash('sha256');
  const top = readdirSync(root)
    .filter((name) => TOP_FILES.test(name) && statSync(join(root, name)).isFile())
    .sort();
  const dirs = SOURCES.map((dir) => join(root, dir)).filter((dir) => existsSync(dir));
  for (const path of [...top.map((name) => join(root, name)), ...dirs.flatMap((dir) => [...files(dir)])]) {
    // The path is hashed too, so a rename or a deleted file counts as a change.
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

function main(checkOnly) {
  const current = sourceHash();
  const stamped = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : null;
  if (stamped === current && existsSync(ENTRY)) {
    if (!checkOnly) console.error('dist/ is up to date with the sources; not rebuilding (delete dist/ to force a build).');
    return;
  }
  if (checkOnly) {
    // A build deletes dist/, which a running registry may be serving from: a tool beside it refuses instead.
    console.error(
      `dist/ does not match the sources (${stamped ? 'they changed since the last build' : 'no build yet'}). Run \`npm run build\` first (a running registry keeps serving from memory until restarted).`,
    );
    process.exit(1);
  }
  console.error(stamped ? 'Sources changed since the last build: building.' : 'No build yet: building.');
  // Its output goes to stderr, so that `npm run -s admin-token` prints only the token on stdout.
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['inherit', process.stderr, 'inherit'] });
  writeFileSync(STAMP, current + '\n');
}

if (require.main === module) main(process.argv.includes('--check'));
module.exports = { sourceHash };
