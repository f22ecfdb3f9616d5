#!/usr/bin/env node
'use strict';
// Nomad starts plugins with its magic cookie in the environment (and perhaps operator-defined args);
// `pot-nomad plugin` asks for plugin mode explicitly. Anything else is a person at a shell.
const { loadEntry } = require('./load-entry.js');

const NOMAD_COOKIE = 'e4327c2e01eabfd75a8a67adb114fb34a757d57eee7728d857a8cec6e91a7255';
const args = process.argv.slice(2);

if (args[0] === 'plugin' || process.env.NOMAD_PLUGIN_MAGIC_COOKIE === NOMAD_COOKIE) {
  loadEntry('plugin').then(({ runPlugin }) => runPlugin());
} else {
  loadEntry('cli')
    .then(({ main }) => main(args))
    .then((code) => {
      process.exitCode = code;
    });
}
