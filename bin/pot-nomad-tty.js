#!/usr/bin/env node
'use strict';
// Runs on the pseudo-terminal that script(1) made for `pot exec -t`: sets the terminal's size, runs pot on it,
// and applies the size changes the driver sends. Started by the driver, never by people.
import('../dist/src/driver/exec/terminal-helper.js')
  .then(({ runTerminalHelper }) => runTerminalHelper(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
