/**
 * `cardline audit verify`: walks the hash-chained audit log and names the first broken entry (exit 1), or
 * prints the head to note outside the database (the chain alone cannot show that its last entries were cut).
 */
import type { Command } from 'commander';
import type { AuditVerification } from '../../controller/audit';
import { withStore } from './store-command';

function describe(v: AuditVerification): string {
  const lines: string[] = [];
  if (v.firstBreak !== null) {
    lines.push(`audit log BROKEN at entry ${v.firstBreak.seq}: ${v.firstBreak.reason}`);
  }
  if (v.missingTriggers.length > 0) {
    lines.push(`audit log is no longer append-only: trigger(s) ${v.missingTriggers.join(', ')} missing`);
  }
  if (v.ok) lines.push(`audit log intact: ${v.entries} entries`);
  if (v.head !== null) lines.push(`head: entry ${v.head.seq}, sha256 ${v.head.hash}`);
  return `${lines.join('\n')}\n`;
}

/** Registers `cardline audit` and `audit verify`. */
export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description('check the audit log\'s hash chain and append-only triggers; exit 1 naming the first broken entry')
    .option('--json', 'print {"ok", "entries", "head", "firstBreak", "missingTriggers"}')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const result = await withStore(cmd, { mustExist: true }, (store) => store.verifyAudit());
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result));
      if (!result.ok) process.exitCode = 1;
    });
  for (const sub of audit.commands) sub.exitOverride().showHelpAfterError('(run with --help for usage)');
}
