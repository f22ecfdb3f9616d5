/**
 * Plugin mode: what `bin/pot-nomad.js` runs when a Nomad agent starts it. Binds the socket, serves, prints
 * the one handshake line, and from then on never writes to stdout again.
 */
import { tmpdir } from 'node:os';
import { addressText, handshakeLine, hasMagicCookie, negotiateProtocolVersion, NOT_STARTED_BY_NOMAD_MESSAGE } from './handshake.js';
import { LazyDriver } from './lazy-driver.js';
import { createLogger } from './log.js';
import { pluginVersion } from './plugin-info.js';
import { warmCodecs } from './protos.js';
import { captureStdio, handleSignals, ignoreBrokenPipes, logUncaught, stderrFlushed } from './process-guards.js';
import { startPluginServer, type PluginServer } from './serve.js';

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

  const driver = new LazyDriver(async () => {
    const { PotDriver, PLUGIN_DEFAULT_HOST_POLICY } = await import('./driver-core.js');
    // Nomad sends SetConfig before any task; until then the plugin's restrictive defaults hold, not the CLI's.
    return new PotDriver({ log: log.child('driver'), pluginVersion: pluginVersion(), defaults: { hostPolicy: PLUGIN_DEFAULT_HOST_POLICY } });
  });
  try {
    server = await startPluginServer({
      driver,
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
  // While Nomad connects: the codecs of its first call and of the health check, and nothing else. The driver core
  // is loaded by the first call that needs it; loaded here, it held up the first calls.
  setImmediate(() => warmCodecs([['base', 'PluginInfo'], ['health', 'Check']]));
  log.info('plugin serving', {
    network: server.address.network,
    address: addressText(server.address),
    version: pluginVersion(),
  });
}
