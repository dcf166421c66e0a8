/**
 * `cardline sim`: device simulators attached to real transports. Each simulator registers itself under the
 * `sim` command through a function taking that command, so `sim printer` and others plug in the same way:
 * add its `registerSimX(sim)` to {@link SIM_SUBCOMMANDS}.
 */
import type { Command } from 'commander';
import { registerSimChip } from './sim-chip';
import { registerSimPrinter } from './sim-printer';

/** The simulators under `cardline sim`, each given the `sim` command to add itself to. */
export const SIM_SUBCOMMANDS: readonly ((sim: Command) => void)[] = [registerSimChip, registerSimPrinter];

/** Registers `cardline sim` and every simulator in {@link SIM_SUBCOMMANDS}; returns the `sim` command. */
export function registerSim(program: Command): Command {
  const sim = program.command('sim').description('run device simulators on real transports (virtual chip cards in pcscd, a card printer on a serial port, ...)');
  for (const register of SIM_SUBCOMMANDS) register(sim);
  for (const sub of sim.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
  return sim;
}
