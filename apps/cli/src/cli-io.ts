// What a command may touch: its output streams and environment (given, so tests run the CLI in-process).

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly env: NodeJS.ProcessEnv;
  /** Where a command reads what it is given (a password with --password-stdin, or typed at a prompt). */
  readonly stdin?: NodeJS.ReadableStream;
  /** Directory relative paths are resolved against (default: the process's). */
  readonly cwd?: string;
}

export const ExitCode = {
  ok: 0,
  /** The ledger is not what it should be: a broken chain, a changed digest, an export that does not import cleanly. */
  broken: 1,
  /** Bad arguments, configuration or environment: fix the call and run again. */
  usage: 2,
  /** Anything unexpected (a bug or an outage not foreseen); the message says so. */
  failure: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: printed as one line, no stack, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const writeLine = (stream: NodeJS.WritableStream, text = '') => {
  stream.write(`${text}\n`);
};
