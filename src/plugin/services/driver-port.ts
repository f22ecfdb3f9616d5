/**
 * What the gRPC Driver service needs from the driver core. The types live with the core (`driver/types.ts`);
 * the adapter in `driver.ts` turns proto messages into these calls and their results back into messages.
 */
export type * from '../../driver/types.js';
