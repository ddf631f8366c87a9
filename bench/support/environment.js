'use strict';
// The machine and software versions a benchmark ran on, for the record in docs/benchmarks.md.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { cpus, release, totalmem, type } = require('node:os');
const { join } = require('node:path');
const { ROOT } = require('./paths');

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

/** The commit the code was built from, and whether the work tree differed from it. */
function revision() {
  try {
    const git = (...args) => execFileSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'apps', 'libs', 'migrations') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in apps/, libs/ or migrations/' : ''}`;
  } catch {
    return 'unknown (not a git work tree)';
  }
}

function machine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    ramGiB: totalmem() / 2 ** 30,
    os: `${type()} ${release()}`,
  };
}

/** `postgres` is the server's `SHOW server_version`. */
function versions(postgres) {
  const names = ['graphql', 'mercurius', 'typeorm', 'fastify', '@nestjs/core', 'pg', 'autocannon'];
  return { node: process.version, postgres, ...Object.fromEntries(names.map((n) => [n, packageVersion(n)])) };
}

function describeMachine(m) {
  return `${m.cores} × ${m.cpu}, ${m.ramGiB.toFixed(0)} GiB RAM, ${m.os}`;
}

function describeVersions(v) {
  return Object.entries(v)
    .map(([k, x]) => `${k === 'node' ? 'Node' : k === 'postgres' ? 'PostgreSQL' : k} ${x}`)
    .join(', ');
}

module.exports = { machine, versions, revision, describeMachine, describeVersions };
