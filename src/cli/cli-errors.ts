/**
 * Errors the CLI maps to exit codes (DESIGN.md, "Contracts"): bad input exits 1, bad usage exits 2.
 * Anything else is a bug and also exits 1, with a one-line message (the stack only with CARDLINE_DEBUG=1).
 */

/** The user's input (a file, a record, a value) is wrong: exit 1. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** The command line itself is wrong (unknown option, bad option value): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes of every cardline command. */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;
