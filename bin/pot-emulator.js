#!/usr/bin/env node
'use strict';
// Speaks pot's command line for hosts without FreeBSD's pot; the driver calls it like /usr/local/bin/pot.
const { loadEntry } = require('./load-entry.js');

loadEntry('emulator')
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });
