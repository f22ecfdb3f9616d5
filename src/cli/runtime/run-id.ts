import { randomBytes } from '../../shared/random-bytes.js';
import { RUN_ID_PATTERN } from '../state/run-record.js';
import { RunError } from './run-error.js';

/** A short run id from the job's id: `<job>-<6 hex>`, reduced to the characters a file name may use. */
export function newRunId(jobId: string, random: () => string = () => randomBytes(3).toString('hex')): string {
  const base = jobId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100) || 'run';
  const id = `${base}-${random()}`;
  if (!RUN_ID_PATTERN.test(id)) throw new RunError(`cannot make a run id from job "${jobId}"`);
  return id;
}
