import { Command } from 'commander';
import { registerSample } from './commands/sample';
import { registerValidate } from './commands/validate';
import { registerMrz } from './commands/mrz';
import { registerQr } from './commands/qr';
import { registerRender } from './commands/render';
import { registerStart } from './commands/start';
import { registerPki } from './commands/pki';
import { registerChip } from './commands/chip';
import { registerSim } from './commands/sim';
import { registerImport } from './commands/import';
import { registerOrders } from './commands/orders';
import { registerStock } from './commands/stock';
import { registerAudit } from './commands/audit';
import { registerDevices } from './commands/devices';
import { registerRun } from './commands/run';
import { registerUser } from './commands/user';
import { registerServe } from './commands/serve';
import { registerReport } from './commands/report';

/** Builds the `cardline` command tree. Kept separate from main.ts so tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command('cardline')
    .description('Production control for chip ID cards: records, card faces, devices and the production line')
    .option('--db <path>', 'SQLite store used by commands that keep state', 'var/cardline.db')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.configureOutput({ outputError: (str, write) => write(str) });
  for (const register of [registerSample, registerValidate, registerMrz, registerQr, registerRender, registerStart, registerPki, registerChip, registerSim, registerDevices, registerRun, registerImport, registerOrders, registerStock, registerAudit, registerReport, registerUser, registerServe]) {
    register(program);
  }
  // Subcommands inherit exit behaviour so usage errors anywhere surface as CommanderError (exit 2).
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}
