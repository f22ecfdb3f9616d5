// Kept apart from ids.ts so that checking a command-line id does not load node:crypto.
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const INVOCATION_PATTERN = /^[0-9a-f]{8}$/;
