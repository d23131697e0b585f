#!/usr/bin/env node
// `ledger` on the PATH (npm link / npm install -g .): runs the compiled CLI (build first: npm run build).
const { run } = require('../../../dist/apps/cli/src/main.js');
run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`ledger: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
