import { connect, Server, Socket } from 'node:net';

/**
 * The port relay of a jail with a network of its own: started inside the jail's network namespace, it is
 * handed listening sockets that were bound on the host, and joins every connection accepted on one to the
 * jail's port, as pot's pf `rdr` rules do in the kernel. Its parent tells it where each socket leads:
 * `{ kind: 'forward', port, address }` with the socket as the handle; it answers `{ kind: 'forwarding' }`.
 */
interface Forward {
  readonly kind: 'forward';
  readonly port: number;
  readonly address: string;
}

function isForward(message: unknown): message is Forward {
  const m = message as Partial<Forward> | null;
  return typeof m === 'object' && m !== null && m.kind === 'forward' && typeof m.port === 'number' && typeof m.address === 'string';
}

function forward(server: Server, port: number, address: string): void {
  server.on('connection', (client: Socket) => {
    const upstream = connect({ port, host: address });
    // a jail that does not listen on the port: the client sees the connection reset, as pf would answer
    upstream.once('error', () => client.resetAndDestroy());
    client.once('error', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  server.on('error', () => undefined);
}

process.title = 'pot-port-relay';
process.on('message', (message: unknown, handle: unknown) => {
  if (!isForward(message) || !(handle instanceof Server)) return;
  forward(handle, message.port, message.address);
  process.send?.({ kind: 'forwarding' });
});
// The parent goes once every socket is handed over; the sockets keep this process alive until the jail ends.
process.on('disconnect', () => undefined);
