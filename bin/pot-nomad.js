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
  // Help and the version need only the CLI's declarations, a small bundle; a command loads the whole CLI. The guess
  // only picks what to load first: the declarations load the rest when a command runs after all.
  const declarationsOnly = args.length === 0 || args[0] === '--version' || args[0] === '-v' || args.includes('--help') || args.includes('-h');
  loadEntry(declarationsOnly ? 'cli-declarations' : 'cli')
    .then(({ main }) => main(args))
    .then((code) => {
      process.exitCode = code;
    });
}
