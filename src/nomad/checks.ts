import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, isIPv6 } from 'node:net';
import type { Service } from '../hcl/job/model.js';
import type { AssignedPort } from './env.js';

export type CheckStatus = 'pending' | 'passing' | 'critical' | 'unsupported';

/** A service check with its address resolved, ready to run. */
export interface CheckTarget {
  service: string;
  name: string;
  type: string;
  host: string;
  /** Absent when the check's port label matches no allocated port. */
  port?: number;
  /** Set when `port` is absent: the label that could not be resolved. */
  portLabel?: string;
  path: string;
  method: string;
  protocol: string;
  intervalMs: number;
  timeoutMs: number;
}

export interface CheckResult {
  status: 'passing' | 'critical';
  output: string;
}

export interface CheckState {
  service: string;
  name: string;
  type: string;
  status: CheckStatus;
  output: string;
  /** When the last result came in (caller's clock). */
  checkedAt?: number;
}

const SUPPORTED = new Set(['tcp', 'http']);
/** Consul keeps this much of a check's output. */
const MAX_OUTPUT = 4096;

/**
 * The checks of a group's or task's services against the allocation's ports: a check's own `port`
 * wins over its service's, either may be a label or a number, and the address is the host IP.
 */
export function checkTargets(services: readonly Service[], ports: readonly AssignedPort[], hostIp: string): CheckTarget[] {
  return services.flatMap((svc) =>
    svc.checks.map((c) => {
      const label = c.port ?? svc.port;
      const target: CheckTarget = {
        service: svc.name,
        name: c.name,
        type: c.type,
        host: hostIp,
        path: c.path ?? '/',
        method: c.method ?? 'GET',
        protocol: c.protocol ?? 'http',
        intervalMs: c.intervalMs,
        timeoutMs: c.timeoutMs,
      };
      const port = label === undefined ? undefined : /^\d+$/.test(label) ? Number(label) : ports.find((p) => p.label === label)?.hostPort;
      if (port !== undefined) target.port = port;
      else target.portLabel = label ?? '';
      return target;
    }),
  );
}

/** Runs a check once. Never rejects: every failure is a critical result with its reason. */
export async function runCheck(target: CheckTarget, signal?: AbortSignal): Promise<CheckResult> {
  if (target.port === undefined) {
    const why = target.portLabel ? `port label "${target.portLabel}" is not an allocated port of the group` : 'neither the check nor its service names a port';
    return { status: 'critical', output: why };
  }
  if (signal?.aborted) return { status: 'critical', output: 'check stopped' };
  return target.type === 'tcp' ? tcpCheck(target.host, target.port, target.timeoutMs, signal) : httpCheck(target, target.port, signal);
}

function hostPort(host: string, port: number): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

const DIAL_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connect: connection refused',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
  EADDRNOTAVAIL: 'connect: cannot assign requested address',
  ETIMEDOUT: 'i/o timeout',
};

/** Go's wording for a failed dial, which is what Consul's check output shows. */
function dialError(addr: string, err: NodeJS.ErrnoException): string {
  return `dial tcp ${addr}: ${(err.code && DIAL_REASONS[err.code]) ?? err.message}`;
}

function tcpCheck(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<CheckResult> {
  const addr = hostPort(host, port);
  return new Promise((resolve) => {
    let result: CheckResult | undefined;
    const socket = connect({ host, port });
    const finish = (r: CheckResult): void => {
      if (result) return;
      result = r;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    const onAbort = (): void => finish({ status: 'critical', output: `TCP connect ${addr}: check stopped` });
    const timer = setTimeout(() => finish({ status: 'critical', output: `dial tcp ${addr}: i/o timeout` }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ status: 'passing', output: `TCP connect ${addr}: Success` }));
    socket.once('error', (err: NodeJS.ErrnoException) => finish({ status: 'critical', output: dialError(addr, err) }));
    // Settling only once the socket is closed means a stopped runner leaves no handle behind.
    socket.once('close', () => resolve(result ?? { status: 'critical', output: `dial tcp ${addr}: connection closed` }));
  });
}

function httpCheck(target: CheckTarget, port: number, signal?: AbortSignal): Promise<CheckResult> {
  const addr = hostPort(target.host, port);
  const path = target.path.startsWith('/') ? target.path : `/${target.path}`;
  const url = `${target.protocol}://${addr}${path}`;
  const method = target.method.toUpperCase();
  const request = target.protocol === 'https' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let result: CheckResult | undefined;
    const finish = (r: CheckResult): void => {
      if (result) return;
      result = r;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
    };
    // `agent: false` gives each check its own connection, closed afterwards, so nothing lingers.
    const req = request(url, { method, agent: false, headers: { 'User-Agent': 'pot-nomad/health-check', Accept: 'text/plain, text/*, */*', Connection: 'close' } });
    const onAbort = (): void => finish({ status: 'critical', output: `${method} ${JSON.stringify(url)}: check stopped` });
    const timer = setTimeout(
      () => finish({ status: 'critical', output: `${method} ${JSON.stringify(url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)` }),
      target.timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    // Settling only once the socket is closed means a stopped runner leaves no handle behind.
    const settle = (): void => resolve(result ?? { status: 'critical', output: `${method} ${JSON.stringify(url)}: connection closed early` });
    req.once('close', () => {
      const socket = req.socket;
      if (socket && !socket.destroyed) socket.once('close', settle);
      else settle();
    });
    req.once('error', (err: NodeJS.ErrnoException) => {
      // Connection failures read like Go's; anything else (TLS, protocol) keeps Node's own message.
      const why = err.code && DIAL_REASONS[err.code] ? dialError(addr, err) : err.message;
      finish({ status: 'critical', output: `${method} ${JSON.stringify(url)}: ${why}` });
    });
    req.once('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = (): void => {
        const code = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).subarray(0, MAX_OUTPUT).toString('utf8');
        const status = code >= 200 && code < 300 ? 'passing' : 'critical';
        finish({ status, output: `HTTP ${method} ${url}: ${code} ${res.statusMessage ?? ''} Output: ${body}` });
      };
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        if (size >= MAX_OUTPUT) done();
      });
      res.once('end', done);
      res.once('error', done);
    });
    req.end();
  });
}

export interface CheckRunnerOptions {
  /** Called whenever a check's status or output changes. */
  onChange?: (state: CheckState) => void;
  now?: () => number;
}

/**
 * Runs checks every `interval` from `start()` until `stop()`, the first run at once. Runs of one
 * check never overlap, and `stop()` aborts what is in flight and resolves when nothing is left.
 */
export class CheckRunner {
  private readonly states: CheckState[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private abort = new AbortController();
  private running = false;

  constructor(
    private readonly targets: readonly CheckTarget[],
    private readonly opts: CheckRunnerOptions = {},
  ) {
    this.states = targets.map((t) =>
      SUPPORTED.has(t.type)
        ? { service: t.service, name: t.name, type: t.type, status: 'pending', output: '' }
        : { service: t.service, name: t.name, type: t.type, status: 'unsupported', output: `check type "${t.type}" is unsupported by pot-nomad run` },
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.targets.forEach((t, i) => {
      if (SUPPORTED.has(t.type)) this.runOnce(i);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.abort.abort();
    await Promise.all([...this.inFlight]);
  }

  snapshot(): CheckState[] {
    return this.states.map((s) => ({ ...s }));
  }

  private runOnce(i: number): void {
    const target = this.targets[i]!;
    const p = runCheck(target, this.abort.signal).then((r) => {
      this.inFlight.delete(p);
      if (!this.running) return;
      const s = this.states[i]!;
      const changed = s.status !== r.status || s.output !== r.output;
      s.status = r.status;
      s.output = r.output;
      s.checkedAt = (this.opts.now ?? Date.now)();
      if (changed) this.opts.onChange?.({ ...s });
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.running) this.runOnce(i);
      }, target.intervalMs);
      this.timers.add(timer);
    });
    this.inFlight.add(p);
  }
}
