// Test helpers: pot output fixtures and fake `pot` executables written at test time.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../helpers/reaper.js';

const FIXTURES = new URL('../../../fixtures/pot/', import.meta.url);

export function readFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export interface TempDir {
  path: string;
  /** Writes an executable `#!/bin/sh` script with `body` and returns its path. */
  script(name: string, body: string): string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'pot-test-'));
  return {
    path,
    script(name, body) {
      const file = join(path, name);
      writeFileSync(file, `#!/bin/sh\n${body}\n`);
      chmodSync(file, 0o755);
      return file;
    },
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Waits until `predicate` holds, checking every 20 ms, for at most `limitMs`. */
export async function waitFor(predicate: () => boolean, limitMs = 5_000): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (!predicate()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

export { processAlive } from '../../src/driver/process-alive.js';
