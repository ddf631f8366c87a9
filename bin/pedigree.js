#!/usr/bin/env node
'use strict';
// The CLI is compiled with the server (`npm run build`); this shim only finds it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write('pedigree: the CLI is not built yet. Run `npm run build` in the Pedigree checkout first.\n');
  process.exit(1);
}
// Exit only once stdout and stderr have drained: a large --json report into a pipe would
// otherwise be cut off by process.exit.
const drained = (stream) => new Promise((resolve) => stream.write('', resolve));
require(entry)
  .main(process.argv)
  .then(async (code) => {
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    process.exit(code);
  });
