/**
 * go-plugin's own services. Nomad calls GRPCController/Shutdown to stop the process, and opens the stdio and
 * broker streams once after connecting; it discards stdio data and never uses the broker for drivers, so
 * both streams are simply held open until the host lets go.
 */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { whenAborted } from '../abortable.js';
import type { Settler } from '../settle.js';

export function controllerService(settle: Settler, onShutdown: () => void): UntypedServiceImplementation {
  return {
    Shutdown: settle.unary('GRPCController/Shutdown', async () => {
      // Reply first; the host then gives the process two seconds to exit before it kills it.
      setImmediate(onShutdown);
      return {};
    }),
  };
}

export function stdioService(settle: Settler): UntypedServiceImplementation {
  return {
    StreamStdio: settle.serverStream('GRPCStdio/StreamStdio', async (_request: unknown, sink) => whenAborted(sink.signal)),
  };
}

export function brokerService(settle: Settler): UntypedServiceImplementation {
  return {
    StartStream: settle.duplex('GRPCBroker/StartStream', async (input: AsyncIterable<unknown>) => {
      for await (const _ of input) {
        // Nothing is brokered: a driver plugin offers no extra services.
      }
    }),
  };
}
