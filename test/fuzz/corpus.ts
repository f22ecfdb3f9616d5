/**
 * The realistic inputs the fuzz tests start from: the example and invalid job files in `fixtures/`, and what
 * `validate` makes of them (the job loaded, its allocations built and every pot task's config checked).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocateJob, type JobContext } from '../../src/cli/job-context.js';
import { loadJobFile, loadJobSource, type LoadOptions } from '../../src/hcl/load.js';
import { localNode } from '../../src/nomad/node.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
export const JOBS_DIR = path.join(FIXTURES, 'jobs');
export const INVALID_DIR = path.join(FIXTURES, 'invalid');

export interface JobFixture {
  name: string;
  text: string;
  valid: boolean;
}

function readDir(dir: string, valid: boolean): JobFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hcl'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8'), valid }));
}

/** Every job fixture, the valid ones first, in name order. */
export const JOB_FIXTURES: readonly JobFixture[] = [...readDir(JOBS_DIR, true), ...readDir(INVALID_DIR, false)];

export const LOAD_OPTIONS: LoadOptions = { vars: [], env: {}, allowFS: true };

// The fixed ids `validate` uses, so that nothing depends on random values.
export const ALLOCATION_OPTIONS = {
  dataDir: '/var/tmp/nomad',
  hostIp: '127.0.0.1',
  allocId: '00000000-0000-4000-8000-000000000000',
  invocationId: '00000000',
};

/** What `validate` does with a job file's text: load it, allocate it, check every pot task's config. */
export function validateSource(source: string, filename = 'fuzz.hcl'): JobContext {
  const loaded = loadJobSource(filename, source, JOBS_DIR, LOAD_OPTIONS);
  return { loaded, ...allocateJob(loaded, { ...ALLOCATION_OPTIONS, node: localNode(loaded.job) }) };
}

/** The same for a file on disk, read as the CLI reads it. */
export function validateFile(file: string): JobContext {
  const loaded = loadJobFile(file, LOAD_OPTIONS);
  return { loaded, ...allocateJob(loaded, { ...ALLOCATION_OPTIONS, node: localNode(loaded.job) }) };
}

/** The `config {}` of every pot task in the valid fixtures, as the CLI hands it to the driver's decoder. */
export function fixtureTaskConfigs(): Array<Record<string, unknown>> {
  const configs: Array<Record<string, unknown>> = [];
  for (const fixture of JOB_FIXTURES) {
    if (!fixture.valid) continue;
    for (const task of validateSource(fixture.text, fixture.name).tasks) configs.push(task.allocated.config);
  }
  return configs;
}
