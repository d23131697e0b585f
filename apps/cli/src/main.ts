// Entry point of `ledger` (node dist/apps/cli/src/main.js ...).
import { run } from './cli';

if (require.main === module) {
  run(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`ledger: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}

export { run };
