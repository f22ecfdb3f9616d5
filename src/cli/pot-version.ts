import { NEWEST_POT_VERSION, type PotVersionContext } from '../driver/pot-versions.js';
import { parseVersion } from '../pot/index.js';

/** What `validate` and `plan` check a job against unless `--pot-version` says otherwise. */
export function newestPotVersion(): PotVersionContext {
  return { version: parseVersion(NEWEST_POT_VERSION), described: `the newest pot, ${NEWEST_POT_VERSION}, is assumed` };
}
