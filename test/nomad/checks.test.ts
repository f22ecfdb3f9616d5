import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Check, Service } from '../../src/hcl/job/model.js';
import { CheckRunner, checkTargets, runCheck, type CheckState, type CheckTarget } from '../../src/nomad/checks.js';

const RANGE = { filename: 'job.nomad.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const HOST = '127.0.0.1';

async function listen<T extends Server | HttpServer>(server: T): Promise<number> {
  server.listen(0, HOST);
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function close(server: Server | HttpServer): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const s = createServer();
  const port = await listen(s);
  await close(s);
  return port;
}

function target(fields: Partial<CheckTarget>): CheckTarget {
  return { service: 'web', name: 'alive', type: 'tcp', host: HOST, path: '/', method: 'GET', protocol: 'http', intervalMs: 100, timeoutMs: 1000, ...fields };
}

let tcpServer: Server;
let tcpPort: number;
let httpServer: HttpServer;
let httpPort: number;
const seen: string[] = [];

before(async () => {
  tcpServer = createServer((socket) => socket.end());
  tcpPort = await listen(tcpServer);
  httpServer = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/health') res.end('ok');
    else if (req.url === '/broken') {
      res.statusCode = 500;
      res.end('boom');
    }
    // Any other path never answers, for the timeout case.
  });
  httpPort = await listen(httpServer);
});

after(async () => {
  await close(tcpServer);
  await close(httpServer);
});

// Runs first, so that no socket of another test is still closing when resources are counted.
describe('CheckRunner', () => {
  it('goes from pending to passing, follows the service down, and stops cleanly', async () => {
    const server = createServer((s) => s.end());
    const port = await listen(server);
    const changes: CheckState[] = [];
    let notify: () => void = () => undefined;
    const changed = (): Promise<void> => new Promise((resolve) => (notify = resolve));
    const runner = new CheckRunner([target({ port }), target({ name: 'script', type: 'script' })], {
      now: () => 42,
      onChange: (s) => {
        changes.push(s);
        notify();
      },
    });
    assert.deepEqual(runner.snapshot(), [
      { service: 'web', name: 'alive', type: 'tcp', status: 'pending', output: '' },
      { service: 'web', name: 'script', type: 'script', status: 'unsupported', output: 'check type "script" is unsupported by pot-nomad run' },
    ]);
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPSocketWrap').length;

    let next = changed();
    runner.start();
    await next;
    assert.deepEqual(changes, [{ service: 'web', name: 'alive', type: 'tcp', status: 'passing', output: `TCP connect ${HOST}:${port}: Success`, checkedAt: 42 }]);

    next = changed();
    await close(server);
    await next;
    assert.deepEqual(changes.at(-1), { service: 'web', name: 'alive', type: 'tcp', status: 'critical', output: `dial tcp ${HOST}:${port}: connect: connection refused`, checkedAt: 42 });

    await runner.stop();
    const afterStop = process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r === 'TCPSocketWrap').length;
    assert.equal(afterStop, before);
    assert.equal(changes.length, 2);
  });

  it('aborts a check in flight when stopped', async () => {
    const runner = new CheckRunner([target({ type: 'http', port: httpPort, path: '/hang', timeoutMs: 60_000 })]);
    runner.start();
    await new Promise((resolve) => setImmediate(resolve));
    await runner.stop();
    assert.deepEqual(runner.snapshot().map((s) => s.status), ['pending']);
  });
});

describe('checkTargets', () => {
  it('resolves port labels from the check or its service, and keeps numbers', () => {
    const check = (c: Partial<Check>): Check => ({ name: 'c', type: 'tcp', intervalMs: 10_000, timeoutMs: 2000, range: RANGE, ...c });
    const services: Service[] = [
      { name: 'web', port: 'http', tags: [], provider: 'nomad', range: RANGE, checks: [check({ name: 'a' }), check({ name: 'b', port: 'admin', type: 'http', path: '/h', method: 'HEAD' }), check({ name: 'c', port: '9999' })] },
      { name: 'db', tags: [], provider: 'nomad', range: RANGE, checks: [check({ name: 'd', port: 'nope' }), check({ name: 'e' })] },
    ];
    const targets = checkTargets(services, [{ label: 'http', hostPort: 25000, to: 80 }, { label: 'admin', hostPort: 25001 }], '10.0.0.5');
    assert.deepEqual(
      targets.map((t) => [t.service, t.name, t.type, t.host, t.port, t.portLabel, t.path, t.method]),
      [
        ['web', 'a', 'tcp', '10.0.0.5', 25000, undefined, '/', 'GET'],
        ['web', 'b', 'http', '10.0.0.5', 25001, undefined, '/h', 'HEAD'],
        ['web', 'c', 'tcp', '10.0.0.5', 9999, undefined, '/', 'GET'],
        ['db', 'd', 'tcp', '10.0.0.5', undefined, 'nope', '/', 'GET'],
        ['db', 'e', 'tcp', '10.0.0.5', undefined, '', '/', 'GET'],
      ],
    );
  });
});

describe('runCheck', () => {
  it('passes a tcp check when the port accepts connections', async () => {
    assert.deepEqual(await runCheck(target({ port: tcpPort })), { status: 'passing', output: `TCP connect ${HOST}:${tcpPort}: Success` });
  });

  it('fails a tcp check when nothing listens', async () => {
    const port = await closedPort();
    assert.deepEqual(await runCheck(target({ port })), { status: 'critical', output: `dial tcp ${HOST}:${port}: connect: connection refused` });
  });

  it('passes an http check on 2xx and sends the method and path', async () => {
    const r = await runCheck(target({ type: 'http', port: httpPort, path: '/health', method: 'post' }));
    assert.deepEqual(r, { status: 'passing', output: `HTTP POST http://${HOST}:${httpPort}/health: 200 OK Output: ok` });
    assert.equal(seen.at(-1), 'POST /health');
  });

  it('fails an http check on other statuses, on refused connections and on timeouts', async () => {
    assert.deepEqual(await runCheck(target({ type: 'http', port: httpPort, path: 'broken' })), {
      status: 'critical',
      output: `HTTP GET http://${HOST}:${httpPort}/broken: 500 Internal Server Error Output: boom`,
    });
    const port = await closedPort();
    assert.deepEqual(await runCheck(target({ type: 'http', port, path: '/health' })), {
      status: 'critical',
      output: `GET "http://${HOST}:${port}/health": dial tcp ${HOST}:${port}: connect: connection refused`,
    });
    assert.deepEqual(await runCheck(target({ type: 'http', port: httpPort, path: '/hang', timeoutMs: 100 })), {
      status: 'critical',
      output: `GET "http://${HOST}:${httpPort}/hang": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    });
  });

  it('speaks TLS when the protocol is https', async () => {
    const r = await runCheck(target({ type: 'http', protocol: 'https', port: httpPort, path: '/health' }));
    assert.equal(r.status, 'critical');
    assert.match(r.output, new RegExp(`^GET "https://${HOST}:${httpPort}/health": .*wrong version number`));
  });

  it('reports a missing port', async () => {
    assert.deepEqual(await runCheck(target({ portLabel: 'nope' })), { status: 'critical', output: 'port label "nope" is not an allocated port of the group' });
  });
});
