'use strict';
/**
 * Loads an entry point of pot-nomad for the launchers next to this file: the bundle `build/<name>.cjs` with V8's
 * cache of its compiled code when `npm ci` (or `npm run build`) made them, else the plain build in `dist/`.
 *
 * CommonJS, and plain JavaScript: this runs before anything else on every start of the CLI, the plugin and each
 * emulated pot command, so it must cost next to nothing. The bundle is used only when it is newer than the last
 * TypeScript build (`dist/.tsbuildinfo`); after `tsc` alone the plain build runs, so edited code always takes
 * effect. A code cache that V8 rejects (another node binary, other V8 flags) only costs the compilation.
 * POT_NOMAD_PLAIN=1 forces the plain build; POT_NOMAD_TRACE_LOAD=1 says on stderr which build runs and why.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');
const { pathToFileURL } = require('node:url');

const ROOT = path.join(__dirname, '..');
const PLAIN = {
  cli: 'dist/src/cli/main.js',
  'cli-declarations': 'dist/src/cli/main.js',
  plugin: 'dist/src/plugin/main.js',
  emulator: 'dist/src/emulator/main.js',
};

/**
 * Bundles an entry point's bundle loads on first use, through `loadPart` (see tools/build/bundle.ts), itself or
 * through another of them (the emulator is the CLI's and the plugin driver's part). The entry point runs bundled
 * only when they can be used too: its plain build imports them as modules of its own.
 */
const PARTS = {
  cli: ['emulator'],
  'cli-declarations': ['cli', 'emulator'],
  plugin: ['plugin-driver', 'emulator'],
  emulator: [],
};

/** The entry point's exports: the bundle's when it can be used, else the plain build's. */
function loadEntry(name) {
  const bundled = loadBundle(name, PARTS[name]);
  if (bundled.exports !== undefined) {
    trace(`${name} from build/${name}.cjs, ${bundled.cache}`);
    return Promise.resolve(bundled.exports);
  }
  trace(`${name} from the plain build (${PLAIN[name]}): ${bundled.why}`);
  return import(pathToFileURL(path.join(ROOT, PLAIN[name])).href);
}

const parts = new Map();

/** The exports of a part of a bundled entry point, loaded once; `loadEntry` made sure it can be. */
function loadPart(name) {
  let exports = parts.get(name);
  if (exports === undefined) {
    const bundled = loadBundle(name);
    if (bundled.exports === undefined) throw new Error(`pot-nomad cannot load build/${name}.cjs (${bundled.why}); run "npm run build" or reinstall`);
    trace(`${name} from build/${name}.cjs, ${bundled.cache}`);
    exports = bundled.exports;
    parts.set(name, exports);
  }
  return exports;
}

/** `{ file, mtimeMs }` when the bundle can be used, else `{ why }`. */
function bundleStatus(name) {
  if (process.env.POT_NOMAD_PLAIN === '1') return { why: 'POT_NOMAD_PLAIN=1' };
  const file = path.join(ROOT, 'build', `${name}.cjs`);
  let mtimeMs;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return { why: 'no bundle' };
  }
  return isCurrent(mtimeMs) ? { file, mtimeMs } : { why: 'the bundle is older than the TypeScript build' };
}

/** `{ exports, script, cache }` when the bundle and the parts it loads can be used, else `{ why }`. */
function loadBundle(name, partNames = []) {
  const status = bundleStatus(name);
  if (status.why !== undefined) return status;
  for (const part of partNames) {
    const { why } = bundleStatus(part);
    if (why !== undefined) return { why: `build/${part}.cjs: ${why}` };
  }
  const { file, mtimeMs: bundled } = status;
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return { why: 'no bundle' };
  }
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    // V8 checks a cache only against its script's length: one older than the bundle belongs to another bundle.
    if (fs.statSync(cacheFile).mtimeMs >= bundled) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No cache: V8 compiles as for any script.
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  // The build runs each entry point a few times with this set, each run adding what it compiled to the cache.
  if (process.env.POT_NOMAD_WRITE_CODE_CACHE === '1') process.once('exit', () => writeAtomically(cacheFile, script.createCachedData()));
  const cache = cachedData === undefined ? 'no code cache' : script.cachedDataRejected ? 'code cache rejected' : 'code cache accepted';
  return { exports: module.exports, script, cache };
}

let tscBuilt;

function isCurrent(bundled) {
  if (tscBuilt === undefined) {
    try {
      tscBuilt = fs.statSync(path.join(ROOT, 'dist', '.tsbuildinfo')).mtimeMs;
    } catch {
      // An installed package has no build info: its dist/ and build/ come from the same build.
      tscBuilt = -Infinity;
    }
  }
  return tscBuilt <= bundled;
}

function trace(message) {
  if (process.env.POT_NOMAD_TRACE_LOAD === '1') fs.writeSync(2, `pot-nomad: ${message}\n`);
}

function writeAtomically(file, bytes) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

module.exports = { loadEntry, loadPart };
