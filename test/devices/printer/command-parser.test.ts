/** The printer side of the framing: commands out of the host's byte stream, one item per frame. */
import fc from 'fast-check';
import { type CommandFrame, CommandParser } from '../../../src/devices/printer/command-parser';
import { encodeCommand } from '../../../src/devices/printer/frame';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

test('text commands, split and merged; noise before ESC is ignored', () => {
  const p = new CommandParser();
  expect(p.push(bytes('junk\x1bRl'))).toEqual([]);
  expect(p.push(bytes('r;p\r\x1bSis\r'))).toEqual([
    { kind: 'command', name: 'Rlr', params: ['p'] },
    { kind: 'command', name: 'Sis', params: [] },
  ]);
  expect(p.ignoredBytes).toBe(4);
});

test('a download is read by its length, CR and ESC bytes in the data included', () => {
  const data = Uint8Array.of(0x0d, 0x1b, 0x0d, 0x41);
  const frame = encodeCommand('Db', ['k', 'raw'], data);
  const p = new CommandParser();
  const items = Array.from(frame).flatMap((b) => p.push(Uint8Array.of(b)));
  expect(items).toEqual([{ kind: 'command', name: 'Db', params: ['k', 'raw'], payload: data }]);
});

test('bad frames each give one item: ESC mid-frame, missing CR after data, bad length, non-ASCII, too long, no name', () => {
  const p = new CommandParser();
  const kinds = (items: CommandFrame[]) => items.map((i) => (i.kind === 'bad' ? `bad: ${i.reason}` : i.name));
  expect(kinds(p.push(bytes('\x1bRlr\x1bSis\r')))).toEqual(['bad: frame interrupted by a new ESC', 'Sis']);
  expect(kinds(p.push(bytes('\x1bDb;y;raw;2;ABX\x1bSe\r')))).toEqual(['bad: no CR after 2 data bytes', 'Se']);
  expect(kinds(p.push(bytes('\x1bDb;y;raw;99999999;')))).toEqual(['bad: Db data length "99999999" is not a number up to 4194304']);
  expect(kinds(p.push(bytes('\x1bSe\r')))).toEqual(['Se']);
  expect(kinds(p.push(Uint8Array.of(0x1b, 0x53, 0xe9, 0x0d)))).toEqual(['bad: byte 0xe9 in command text']);
  expect(kinds(p.push(bytes(`\x1b${'A'.repeat(600)}\r`)))).toEqual(['bad: command text longer than 512 characters']);
  expect(kinds(p.push(bytes('\x1b;x\r\x1bDb;y\r')))).toEqual(['bad: "" is not a command name', 'bad: Db without its data length']);
});

test('property: any sequence of commands, cut anywhere, parses back to the same commands', () => {
  const param = fc.stringMatching(/^[\x20-\x3a\x3c-\x7e]{0,10}$/);
  const command = fc.oneof(
    fc.record({ name: fc.constantFrom('Rlr', 'Sis', 'Rst', 'Pem'), params: fc.array(param, { maxLength: 3 }) }),
    fc.record({ name: fc.constant('Db'), params: fc.tuple(param, param), payload: fc.uint8Array({ maxLength: 300 }) }),
  );
  fc.assert(
    fc.property(fc.array(command, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 50 }), (commands, chunk) => {
      const stream = Buffer.concat(commands.map((c) => encodeCommand(c.name, c.params, 'payload' in c ? c.payload : undefined)));
      const p = new CommandParser();
      const items: CommandFrame[] = [];
      for (let i = 0; i < stream.length; i += chunk) items.push(...p.push(stream.subarray(i, i + chunk)));
      expect(items).toEqual(commands.map((c) => ({ kind: 'command', name: c.name, params: [...c.params], ...('payload' in c ? { payload: Uint8Array.from(c.payload) } : {}) })));
    }),
  );
});
