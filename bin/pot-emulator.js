#!/usr/bin/env node
// Speaks pot's command line for hosts without FreeBSD's pot; the driver calls it like /usr/local/bin/pot.
const { main } = await import('../dist/src/emulator/main.js');
process.exitCode = await main(process.argv.slice(2));
