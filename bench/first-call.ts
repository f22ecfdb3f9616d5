/**
 * Nomad's first call to a new plugin, BasePlugin/PluginInfo, made the moment the handshake line arrives over a
 * bare HTTP/2 connection, as Go's gRPC client makes it: a grpc-js client first resolves the address and builds a
 * channel, which would add its own start-up to what is measured of the plugin. The answer is decoded with the
 * plugin's own codec and checked, so that a failed or wrong answer cannot pass for a fast one.
 */
import http2 from 'node:http2';
import net from 'node:net';
import { serviceDefinition } from '../src/plugin/protos.js';

const PATH = '/hashicorp.nomad.plugins.base.proto.BasePlugin/PluginInfo';
/** A gRPC message frame around an empty PluginInfoRequest: not compressed, length 0. */
const EMPTY_REQUEST = Buffer.from([0, 0, 0, 0, 0]);

/** Resolves once the answer is in and checked; `address` is the socket path or host:port from the handshake. */
export function pluginInfo(network: string, address: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const session = http2.connect('http://localhost', {
      createConnection: () => (network === 'unix' ? net.connect(address) : net.connect(Number(address.split(':').at(-1)), address.split(':')[0])),
    });
    const timer = setTimeout(() => fail(new Error(`no answer to PluginInfo within ${timeoutMs} ms`)), timeoutMs);
    const done = (error?: Error): void => {
      clearTimeout(timer);
      session.close();
      if (error) reject(error);
      else resolve();
    };
    const fail = (error: Error): void => done(error);
    session.once('error', fail);
    const call = session.request({ ':method': 'POST', ':path': PATH, 'content-type': 'application/grpc', te: 'trailers' });
    const chunks: Buffer[] = [];
    let status: string | undefined;
    call.on('data', (chunk: Buffer) => chunks.push(chunk));
    call.once('trailers', (trailers) => (status = String(trailers['grpc-status'])));
    call.once('error', fail);
    call.once('end', () => {
      try {
        if (status !== '0') throw new Error(`PluginInfo answered with gRPC status ${status}`);
        const body = Buffer.concat(chunks);
        const info = serviceDefinition('base').PluginInfo!.responseDeserialize(body.subarray(5)) as { name?: unknown; type?: unknown };
        if (info.name !== 'pot' || info.type !== 'DRIVER') throw new Error(`PluginInfo answered ${JSON.stringify(info)}`);
        done();
      } catch (error) {
        done(error as Error);
      }
    });
    call.end(EMPTY_REQUEST);
  });
}
