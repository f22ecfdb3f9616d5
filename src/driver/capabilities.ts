import type { DriverCapabilities } from './types.js';

/**
 * What the driver offers Nomad. Jails see their own filesystem with the task dirs mounted in (`image`), run on
 * host networking, and cannot take Nomad volume mounts, so Nomad refuses `volume_mount` up front.
 */
export const POT_CAPABILITIES: Readonly<DriverCapabilities> = {
  sendSignals: true,
  exec: true,
  fsIsolation: 'image',
  networkIsolationModes: ['host'],
  mustCreateNetwork: false,
  mounts: 'none',
  disableLogCollection: false,
  dynamicWorkloadUsers: false,
};
