#!/usr/bin/env node
// Runs on the pseudo-terminal that script(1) made for `pot exec -t`: sets the terminal's size, runs pot on it,
// and applies the size changes the driver sends. Started by the driver, never by people.
const { runTerminalHelper } = await import('../dist/src/driver/exec/terminal-helper.js');
process.exitCode = await runTerminalHelper(process.argv.slice(2));
