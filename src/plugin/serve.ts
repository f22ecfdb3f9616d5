/**
 * One gRPC server on one socket carrying every service the Nomad host reaches: go-plugin's health,
 * controller, stdio and broker, Nomad's BasePlugin and Driver. Binds a unix socket when it can, else TCP on
 * the loopback; the caller prints the handshake once `startPluginServer` resolves.
 */
import { rmSync } from 'node:fs';
import { Server, ServerCredentials } from './grpc.js';
import { bindTarget, socketPathCandidates, TCP_FALLBACK, type Env, type ListenAddress } from './handshake.js';
import type { Logger } from './log.js';
import { serviceDefinition } from './protos.js';
import { baseService } from './services/base.js';
import type { DriverService } from './services/driver-port.js';
import { driverService } from './services/driver.js';
import { brokerService, controllerService, stdioService } from './services/go-plugin.js';
import { healthService } from './services/health.js';
import { createSettler, OpenCalls } from './settle.js';

export interface PluginServerOptions {
  driver: DriverService;
  log: Logger;
  /** Reported as `plugin_version`. */
  version: string;
  env: Env;
  tmpdir: string;
  /** Unix socket paths to try, in order; by default chosen from `env` and `tmpdir`. Empty: TCP only. */
  socketPaths?: readonly string[];
  /** The host asked the process to exit (GRPCController/Shutdown), after the reply went out. */
  onShutdownRequest(): void;
}

export interface PluginServer {
  readonly address: ListenAddress;
  /** Asks open calls to finish, waits up to `graceMs` for them, then closes the rest and removes the socket. */
  stop(graceMs?: number): Promise<void>;
}

export async function startPluginServer(options: PluginServerOptions): Promise<PluginServer> {
  const log = options.log.child('grpc');
  const calls = new OpenCalls();
  const settle = createSettler(log, calls);
  const server = new Server();
  server.addService(serviceDefinition('health'), healthService(settle));
  server.addService(serviceDefinition('controller'), controllerService(settle, options.onShutdownRequest));
  server.addService(serviceDefinition('stdio'), stdioService(settle));
  server.addService(serviceDefinition('broker'), brokerService(settle));
  server.addService(
    serviceDefinition('base'),
    baseService({ settle, log: options.log, version: options.version, driver: options.driver }),
  );
  server.addService(serviceDefinition('driver'), driverService(options.driver, settle));

  const socketPaths = options.socketPaths ?? socketPathCandidates(options.env, options.tmpdir);
  const address = await bindFirst(server, socketPaths, log);
  let stopping: Promise<void> | undefined;
  return {
    address,
    stop(graceMs = 1000) {
      stopping ??= stopServer(server, calls, address, graceMs);
      return stopping;
    },
  };
}

async function bindFirst(server: Server, socketPaths: readonly string[], log: Logger): Promise<ListenAddress> {
  for (const path of socketPaths) {
    const address: ListenAddress = { network: 'unix', path };
    try {
      // A leftover file from a killed process with the same name would make the bind fail.
      rmSync(path, { force: true });
      await bind(server, address);
      return address;
    } catch (err) {
      log.debug('cannot listen on unix socket', { path, error: err });
    }
  }
  const port = await bind(server, TCP_FALLBACK);
  return { network: 'tcp', host: TCP_FALLBACK.host, port };
}

function bind(server: Server, address: ListenAddress): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(bindTarget(address), ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port)));
  });
}

async function stopServer(server: Server, calls: OpenCalls, address: ListenAddress, graceMs: number): Promise<void> {
  calls.abortAll();
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (address.network === 'unix') rmSync(address.path, { force: true });
}
