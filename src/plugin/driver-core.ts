/**
 * The driver core as the plugin loads it on first need (see lazy-driver.ts): in the bundled build a bundle of its
 * own (tools/build/bundle.ts), so that the plugin's start-up reads and deserialises none of it. Only plain data,
 * AbortSignals and the logger cross to it; its errors are told apart by their `kind` (errors.ts), never by class.
 */
export { PotDriver } from '../driver/driver.js';
export { PLUGIN_DEFAULT_HOST_POLICY } from '../driver/host-policy.js';
