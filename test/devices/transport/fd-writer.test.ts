/** The descriptor writer under SerialTransport: everything written, and never a write once the port is closed. */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/devices/clock';
import { writeAllToFd } from '../../../src/devices/transport/fd-writer';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cardline-fd-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('writes every byte', async () => {
  const file = join(dir, 'out');
  const fd = openSync(file, 'w');
  const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 13) & 0xff);
  await writeAllToFd(fd, data, systemClock, () => true);
  closeSync(fd);
  expect(Buffer.compare(readFileSync(file), Buffer.from(data))).toBe(0);
});

test('a closed port: rejects and writes nothing (its descriptor number may belong to another file by now)', async () => {
  const file = join(dir, 'out');
  const fd = openSync(file, 'w');
  await expect(writeAllToFd(fd, Uint8Array.of(1, 2, 3), systemClock, () => false)).rejects.toThrow('the port closed with 3 bytes unwritten');
  closeSync(fd);
  expect(readFileSync(file).length).toBe(0);
});
