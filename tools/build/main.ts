/**
 * `npm run build` (and `npm ci`, through `prepare`), after `tsc`: bundles each entry point into `build/` and makes
 * its code cache on this machine with this node. Whatever fails here is reported and left out, never fatal: the
 * launchers fall back to the plain build in `dist/`, which `tsc` made already, so an install still works where
 * a bundle cannot be made. The tests check that the bundles exist and run like the plain build.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, ENTRIES, type EntryName } from './bundle.js';
import { makeCodeCache } from './code-cache.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const OUT = path.join(ROOT, 'build');

function say(message: string): void {
  process.stderr.write(`build: ${message}\n`);
}

// A clean directory: a bundle the build no longer makes must not be left for a launcher to find, and no old cache
// may meet a new bundle (V8 checks a cache against its script's length only).
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
let failures = 0;
for (const name of Object.keys(ENTRIES) as EntryName[]) {
  const began = performance.now();
  try {
    const b = await bundle(ROOT, OUT, name);
    await makeCodeCache(ROOT, name);
    say(`${name}: ${path.relative(ROOT, b.file)} (${(b.bytes / 1024).toFixed(0)} KiB) and its code cache in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures++;
    rmSync(path.join(OUT, `${name}.cjs`), { force: true });
    rmSync(path.join(OUT, `${name}.cjs.cache`), { force: true });
    say(`${name}: not bundled, the plain build in dist/ will run instead: ${(error as Error).message}`);
  }
}
if (failures > 0) say(`${failures} of ${Object.keys(ENTRIES).length} entry points run from the plain build`);
