/** grpc.health.v1.Health: go-plugin hosts ask for the service name `plugin`. */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { whenAborted } from '../abortable.js';
import type { Settler } from '../settle.js';

type ServingStatus = 'SERVING' | 'SERVICE_UNKNOWN';

export const PLUGIN_HEALTH_SERVICE = 'plugin';

function statusOf(service: string): ServingStatus {
  return service === '' || service === PLUGIN_HEALTH_SERVICE ? 'SERVING' : 'SERVICE_UNKNOWN';
}

export function healthService(settle: Settler): UntypedServiceImplementation {
  return {
    Check: settle.unary('Health/Check', async (request: { service: string }) => ({ status: statusOf(request.service) })),
    // Our status never changes while the process lives: report it once and hold the stream open.
    Watch: settle.serverStream('Health/Watch', async (request: { service: string }, sink) => {
      await sink.write({ status: statusOf(request.service) });
      await whenAborted(sink.signal);
    }),
  };
}
