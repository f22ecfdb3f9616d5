/**
 * Plugin mode: what `bin/pot-nomad.js` runs when a Nomad agent starts it. Binds the socket, serves, prints
 * the one handshake line, and from then on never writes to stdout again.
 */
import { tmpdir } from 'node:os';
import { UnimplementedError } from './errors.js';
import { addressText, handshakeLine, hasMagicCookie, negotiateProtocolVersion, NOT_STARTED_BY_NOMAD_MESSAGE } from './handshake.js';
import { createLogger, type Logger } from './log.js';
import { pluginVersion } from './plugin-info.js';
import { captureStdio, handleSignals, ignoreBrokenPipes, logUncaught, stderrFlushed } from './process-guards.js';
import { startPluginServer, type PluginServer } from './serve.js';
import type { DriverService, PluginSettings } from './services/driver-port.js';

export async function runPlugin(): Promise<void> {
  if (!hasMagicCookie(process.env)) {
    process.stderr.write(NOT_STARTED_BY_NOMAD_MESSAGE);
    process.exitCode = 1;
    return;
  }
  ignoreBrokenPipes();
  // The logger keeps the real stderr; made before captureStdio reroutes process.stderr.write into it.
  const log = createLogger({ module: 'pot' });
  const writeStdout = captureStdio(log);
  let serving = false;
  logUncaught(log, () => !serving);

  const negotiation = negotiateProtocolVersion(process.env);
  if (!negotiation.agreed) {
    log.warn('the host offers no protocol version this plugin speaks', {
      offered: process.env.PLUGIN_PROTOCOL_VERSIONS ?? '',
      ours: negotiation.version,
    });
  }

  let server: PluginServer | undefined;
  let stopping = false;
  const stop = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info('plugin stopping', { reason });
    await server?.stop();
    await stderrFlushed();
    process.exit(0);
  };
  handleSignals(log, (signal) => void stop(signal));

  try {
    server = await startPluginServer({
      driver: placeholderDriver(log),
      log,
      version: pluginVersion(),
      env: process.env,
      tmpdir: tmpdir(),
      onShutdownRequest: () => void stop('shutdown requested by the host'),
    });
  } catch (err) {
    log.error('cannot start the plugin server', { error: err });
    await stderrFlushed();
    process.exit(1);
  }

  writeStdout(`${handshakeLine(negotiation.version, server.address)}\n`);
  serving = true;
  log.info('plugin serving', {
    network: server.address.network,
    address: addressText(server.address),
    version: pluginVersion(),
  });
}

/**
 * Stands in for the driver core until it is connected: it accepts the agent's plugin config, so agents can
 * load the plugin, and answers every task operation with UNIMPLEMENTED.
 */
export function placeholderDriver(log: Logger): DriverService {
  let settings: PluginSettings | undefined;
  const missing = (rpc: string): UnimplementedError =>
    new UnimplementedError(`${rpc} is not available: this build of pot-nomad has no driver core connected yet`);
  const fail = (rpc: string) => async (): Promise<never> => {
    throw missing(rpc);
  };
  const failStream = (rpc: string) =>
    async function* (): AsyncGenerator<never> {
      throw missing(rpc);
    };
  return {
    async setConfig(next) {
      settings = next;
      log.trace('plugin config kept', { config: settings.config });
    },
    capabilities: fail('Capabilities'),
    fingerprint: failStream('Fingerprint'),
    startTask: fail('StartTask'),
    recoverTask: fail('RecoverTask'),
    waitTask: fail('WaitTask'),
    stopTask: fail('StopTask'),
    destroyTask: fail('DestroyTask'),
    taskStats: failStream('TaskStats'),
    taskEvents: failStream('TaskEvents'),
    signalTask: fail('SignalTask'),
    execTask: fail('ExecTask'),
    execTaskStreaming: fail('ExecTaskStreaming'),
  };
}
