/** DriverCapabilities → proto. */
import type { DriverCapabilities, FsIsolation, NetworkIsolationMode } from '../services/driver-port.js';

export interface DriverCapabilitiesMsg {
  send_signals: boolean;
  exec: boolean;
  fs_isolation: 'NONE' | 'CHROOT' | 'IMAGE' | 'UNVEIL';
  network_isolation_modes: NetworkIsolationModeMsg[];
  must_create_network: boolean;
  mount_configs: 'ANY_MOUNTS' | 'NO_MOUNTS';
  disable_log_collection: boolean;
  dynamic_workload_users: boolean;
}

export type NetworkIsolationModeMsg = 'HOST' | 'GROUP' | 'TASK' | 'NONE';

const FS_ISOLATION: Record<FsIsolation, DriverCapabilitiesMsg['fs_isolation']> = {
  none: 'NONE',
  chroot: 'CHROOT',
  image: 'IMAGE',
  unveil: 'UNVEIL',
};

export function networkModeToProto(mode: NetworkIsolationMode): NetworkIsolationModeMsg {
  return mode.toUpperCase() as NetworkIsolationModeMsg;
}

export function networkModeFromProto(mode: string | number | null | undefined): NetworkIsolationMode {
  if (mode === 'GROUP' || mode === 1) return 'group';
  if (mode === 'TASK' || mode === 2) return 'task';
  if (mode === 'NONE' || mode === 3) return 'none';
  return 'host';
}

export function capabilitiesToProto(caps: DriverCapabilities): DriverCapabilitiesMsg {
  return {
    send_signals: caps.sendSignals,
    exec: caps.exec,
    fs_isolation: FS_ISOLATION[caps.fsIsolation],
    network_isolation_modes: caps.networkIsolationModes.map(networkModeToProto),
    must_create_network: caps.mustCreateNetwork,
    mount_configs: caps.mounts === 'none' ? 'NO_MOUNTS' : 'ANY_MOUNTS',
    disable_log_collection: caps.disableLogCollection,
    dynamic_workload_users: caps.dynamicWorkloadUsers,
  };
}
