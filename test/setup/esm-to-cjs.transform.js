// Jest's CommonJS runtime cannot load ES modules on Node 20 (it supports require(esm) only from
// Node 24.9), and Nest 12 ships only ESM. The service tier therefore compiles those packages to
// CommonJS as they load, so they join the same module registry as our code, which stays
// CommonJS exactly as tsc emits it for production. Files that are already CommonJS pass through.
/* global __filename */
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const ts = require('typescript');

const typeOfPackage = new Map();
// The cache key covers this file too, so a change here is not hidden by Jest's transform cache.
const SELF = readFileSync(__filename, 'utf8');

function packageType(file) {
  const dir = dirname(file);
  if (typeOfPackage.has(dir)) return typeOfPackage.get(dir);
  const manifest = join(dir, 'package.json');
  let type;
  if (existsSync(manifest)) type = JSON.parse(readFileSync(manifest, 'utf8')).type ?? 'commonjs';
  else type = dir === dirname(dir) ? 'commonjs' : packageType(dir);
  typeOfPackage.set(dir, type);
  return type;
}

function isEsm(file) {
  return file.endsWith('.mjs') || (file.endsWith('.js') && packageType(file) === 'module');
}

module.exports = {
  process(source, filename) {
    if (!isEsm(filename)) return { code: source };
    // `import.meta` has no CommonJS form. These packages use it for createRequire(import.meta.url),
    // which becomes the module's own `require`, so what they load comes from Jest's registry too
    // (a native require would give a second copy of Nest, with its own metadata and tokens).
    const code = source
      .replace(/\b(?:const|let|var)\s+require\s*=\s*createRequire\(\s*import\.meta\.url\s*\);?/g, '')
      .replace(/\bcreateRequire\(\s*import\.meta\.url\s*\)/g, 'require')
      .replace(/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href");
    const out = ts.transpileModule(code, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true, sourceMap: false },
    });
    return { code: out.outputText };
  },
  getCacheKey(source, filename) {
    return createHash('sha256').update(ts.version).update(SELF).update(filename).update('\0').update(source).digest('hex');
  },
};
