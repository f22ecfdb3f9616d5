/**
 * The server side of grpc-js, without the rest. The package's index loads and registers its whole client stack
 * too (channels, load balancers, name resolvers, channelz): about half of what the plugin's start-up ran of
 * grpc-js, for nothing a server uses. The modules below are the package's own files (its version is pinned). The
 * one registration a server needs is that of the resolvers of the addresses it binds: unix sockets, and IPv4 for
 * the TCP fallback, whose target names its scheme (handshake.ts) so that no default scheme is needed.
 */
import { Status } from '@grpc/grpc-js/build/src/constants.js';
import { setup as setupIpResolver } from '@grpc/grpc-js/build/src/resolver-ip.js';
import { setup as setupUnixResolver } from '@grpc/grpc-js/build/src/resolver-uds.js';

export { Metadata } from '@grpc/grpc-js/build/src/metadata.js';
export { Server } from '@grpc/grpc-js/build/src/server.js';
export { ServerCredentials } from '@grpc/grpc-js/build/src/server-credentials.js';
export { Status as status };

setupUnixResolver();
setupIpResolver();
