import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { loadConfigFile } from '../../config-file.js';
import { RunStore } from '../../state/run-store.js';
import { defaultDataDir } from '../run-settings.js';

/** `--data-dir` and `--config`, as every command over the run records takes them. */
export interface RecordsLocation {
  dataDir?: string;
  configPath?: string;
}

/** The run store the options point at: `--data-dir`, else the settings file's `data_dir`, else the default. */
export async function openRunStore(location: RecordsLocation): Promise<{ store: RunStore; dataDir: string }> {
  // An explicit settings file must be readable and valid even when --data-dir makes its data_dir moot.
  const loaded =
    location.dataDir === undefined || location.configPath !== undefined
      ? await loadConfigFile({ configPath: location.configPath, cwd: process.cwd(), env: process.env, homeDir: homedir() })
      : undefined;
  const dataDir = location.dataDir === undefined ? (loaded?.config.dataDir ?? defaultDataDir()) : resolve(location.dataDir);
  return { store: new RunStore(dataDir), dataDir };
}
