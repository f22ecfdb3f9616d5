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
 * Bundles an entry point's bundle loads on first use, through `loadPart` (see tools/build/bundle.ts). The entry
 * point runs bundled only when they can be used too: its plain build imports them as modules of its own.
 */
const PARTS = {
  cli: [],
  'cli-declarations': ['cli'],
  plugin: ['plugin-driver'],
  emulator: [],
};

/** The entry point's exports: the bundle's when it can be used, else the plain build's. */
function loadEntry(name) {
  const bundled = loadBundle(name, () => {
    for (const part of PARTS[name]) {
      const why = unusable(part);
      if (why !== undefined) return `build/${part}.cjs: ${why}`;
    }
    return undefined;
  });
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

/** Why the bundle cannot be used, or undefined when it can. */
function unusable(name) {
  if (process.env.POT_NOMAD_PLAIN === '1') return 'POT_NOMAD_PLAIN=1';
  let bundled;
  try {
    bundled = fs.statSync(path.join(ROOT, 'build', `${name}.cjs`)).mtimeMs;
  } catch {
    return 'no bundle';
  }
  return isCurrent(bundled) ? undefined : 'the bundle is older than the TypeScript build';
}

/** `{ exports, script, cache }` when the bundle (and whatever `partsUnusable` checks) can be used, else `{ why }`. */
function loadBundle(name, partsUnusable = () => undefined) {
  const why = unusable(name) ?? partsUnusable();
  if (why !== undefined) return { why };
  const file = path.join(ROOT, 'build', `${name}.cjs`);
  let source;
  let bundled;
  try {
    bundled = fs.statSync(file).mtimeMs;
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

function isCurrent(bundled) {
  try {
    return fs.statSync(path.join(ROOT, 'dist', '.tsbuildinfo')).mtimeMs <= bundled;
  } catch {
    // An installed package has no build info: its dist/ and build/ come from the same build.
    return true;
  }
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
