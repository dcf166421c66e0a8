/** `cardline user add`: the password comes from standard input, is held to the policy, and only its hash is stored. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';

const ws = tempDir('user-cli');
afterAll(() => ws.cleanup());
const db = () => join(ws.dir, 'users.db');
const PASSWORD = 'a long enough passphrase';

it('adds an account from a password on stdin, storing only a scrypt hash', () => {
  const r = runCli(['--db', db(), 'user', 'add', '--name', 'Nguyễn Văn An', '--role', 'supervisor', '--json'], { input: `${PASSWORD}\n` });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ name: 'Nguyễn Văn An', role: 'supervisor' });
  const bytes = readFileSync(db());
  expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
  expect(bytes.includes(Buffer.from('scrypt$'))).toBe(true);
});

it('refuses a password under 12 characters, a taken name and an unknown role', () => {
  const short = runCli(['--db', db(), 'user', 'add', '--name', 'b', '--role', 'admin'], { input: 'short\n' });
  expect(short.code).toBe(1);
  expect(short.stderr).toMatch(/at least 12 characters/);
  const taken = runCli(['--db', db(), 'user', 'add', '--name', 'Nguyễn Văn An', '--role', 'admin'], { input: `${PASSWORD}\n` });
  expect(taken.code).toBe(1);
  expect(taken.stderr).toMatch(/exists/);
  const role = runCli(['--db', db(), 'user', 'add', '--name', 'c1', '--role', 'boss'], { input: `${PASSWORD}\n` });
  expect(role.code).toBe(2);
});
