/** hashicorp.nomad.plugins.base.proto.BasePlugin: who we are, our agent config schema, and that config. */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { PLUGIN_CONFIG_SCHEMA } from '../../driver/schema.js';
import { decodeConfig } from '../codec.js';
import { specFromSchema } from '../hclspec.js';
import type { Logger } from '../log.js';
import { PLUGIN_API_VERSIONS, PLUGIN_NAME } from '../plugin-info.js';
import type { Settler } from '../settle.js';
import type { DriverService, PluginSettings } from './driver-port.js';

interface SetConfigRequestMsg {
  msgpack_config: Uint8Array;
  nomad_config: { driver: { ClientMinPort: number; ClientMaxPort: number } | null } | null;
  plugin_api_version: string;
}

export interface BaseServiceOptions {
  settle: Settler;
  log: Logger;
  version: string;
  driver: Pick<DriverService, 'setConfig'>;
}

export function baseService({ settle, log, version, driver }: BaseServiceOptions): UntypedServiceImplementation {
  return {
    PluginInfo: settle.unary('PluginInfo', async () => ({
      type: 'DRIVER',
      plugin_api_versions: [...PLUGIN_API_VERSIONS],
      plugin_version: version,
      name: PLUGIN_NAME,
    })),

    ConfigSchema: settle.unary('ConfigSchema', async () => ({ spec: specFromSchema(PLUGIN_CONFIG_SCHEMA) })),

    // Nomad calls this twice in a row when validating the agent config, then again per plugin instance.
    SetConfig: settle.unary('SetConfig', async (request: SetConfigRequestMsg) => {
      const settings = settingsFromProto(request);
      await driver.setConfig(settings);
      log.debug('plugin configured', {
        config: settings.config,
        api_version: settings.apiVersion,
        client_ports: settings.clientPorts ?? null,
      });
      return {};
    }),
  };
}

export function settingsFromProto(request: SetConfigRequestMsg): PluginSettings {
  const config = decodeConfig(request.msgpack_config ?? new Uint8Array(0), PLUGIN_CONFIG_SCHEMA);
  const driver = request.nomad_config?.driver ?? null;
  return {
    config,
    apiVersion: request.plugin_api_version ?? '',
    ...(driver ? { clientPorts: { min: driver.ClientMinPort, max: driver.ClientMaxPort } } : {}),
  };
}
