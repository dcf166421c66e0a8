#!/usr/bin/env node
import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { EXIT, InputError, UsageError } from './cli-errors';

/** Runs the CLI and maps every outcome to the contract's exit codes (0 ok, 1 bad input, 2 usage). */
async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? EXIT.ok : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version requests are successful runs; everything else commander rejects is a usage error.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`cardline: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof InputError) {
      process.stderr.write(`cardline: ${err.message}\n`);
      return EXIT.badInput;
    }
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`cardline: ${e?.message ?? String(err)}\n`);
    if (process.env.CARDLINE_DEBUG === '1' && e?.stack) process.stderr.write(`${e.stack}\n`);
    return EXIT.badInput;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.badInput;
  },
);
