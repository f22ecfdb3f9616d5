import { readFileSync } from 'node:fs';

/** The complete job example from the pot driver's README, as kept in fixtures/jobs/nginx.hcl. */
export const SEED_JOB = readFileSync(new URL('../../../../fixtures/jobs/nginx.hcl', import.meta.url), 'utf8');
