/**
 * `cardline user add --name N --role R`: a console account. The password is read from standard input (its first
 * line), never from the command line, where it would land in the shell history and the process list.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../cli-errors';
import { withStore } from './store-command';
import { ROLES, isRole, hashPassword, PasswordPolicyError, type Role } from '../../controller/auth';

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

function parseRole(v: string): Role {
  if (!isRole(v)) throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
  return v;
}

/** Registers `cardline user`. */
export function registerUser(program: Command): void {
  const user = program.command('user').description('console accounts');
  user
    .command('add')
    .description('add a console account; the password (12 characters or more) is read from standard input')
    .requiredOption('--name <name>', 'sign-in name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, parseRole)
    .option('--json', 'print {"id", "name", "role"}')
    .action(async (opts: { name: string; role: Role; json?: boolean }, cmd: Command) => {
      const password = await readStdinLine();
      let hash: string;
      try {
        hash = hashPassword(password);
      } catch (e) {
        if (e instanceof PasswordPolicyError) throw new InputError(`password: ${e.message}`);
        throw e;
      }
      const added = await withStore(cmd, { mustExist: false }, (store) => store.addOperator({ name: opts.name, role: opts.role, passwordHash: hash }));
      if (opts.json) process.stdout.write(`${JSON.stringify({ id: added.id, name: added.name, role: added.role })}\n`);
      else process.stdout.write(`added ${added.role} "${added.name}"\n`);
    });
}
