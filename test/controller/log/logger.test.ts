/** The pino logger factory: JSON lines, with personal IDs masked and names dropped wherever they appear. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../src/controller/log';

const ID = '001199012345';
const OTHER_ID = '079203001234';
const NAME = 'Nguyễn Thị Mai';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardline-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Logs through `fn` into a fresh file and returns the raw text and the parsed lines. */
function capture(fn: (log: ReturnType<typeof createLogger>) => void): { text: string; lines: Record<string, unknown>[] } {
  const file = path.join(dir, 'logs', 'cardline.log');
  const log = createLogger({ destination: file, name: 'test', level: 'debug' });
  fn(log);
  log.flush();
  const text = fs.readFileSync(file, 'utf8');
  return { text, lines: text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes JSON lines with level, ISO time, name and message', () => {
    const { lines } = capture((log) => log.info({ order: 'O-1', count: 3 }, 'imported'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, name: 'test', order: 'O-1', count: 3, msg: 'imported' });
    expect(String(lines[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('masks the personal ID field and drops names, at the top level and nested', () => {
    const { text, lines } = capture((log) => {
      log.info({ personalId: ID, fullName: NAME }, 'top');
      log.info({ record: { personalId: OTHER_ID, fullName: NAME, fatherName: 'Nguyễn Văn Hùng', sex: 'F' } }, 'nested');
      log.info({ job: { data: { record: { personalId: ID, spouseName: 'Trần Văn Nam' } } } }, 'deep');
    });
    expect(lines[0]).toMatchObject({ personalId: '001******45', fullName: '[removed]' });
    expect(lines[1]!.record).toEqual({ personalId: '079******34', fullName: '[removed]', fatherName: '[removed]', sex: '[removed]' });
    expect((lines[2]!.job as { data: { record: unknown } }).data.record).toEqual({ personalId: '001******45', spouseName: '[removed]' });
    for (const secret of [ID, OTHER_ID, NAME, 'Nguyễn Văn Hùng', 'Trần Văn Nam']) expect(text).not.toContain(secret);
  });

  it('masks 12-digit runs in messages, format arguments, errors and child bindings', () => {
    const { text, lines } = capture((log) => {
      log.warn(`record ${ID} rejected`);
      log.info('printing %s for %s', ID, 'order 7');
      log.error(new Error(`chip write failed for ${ID}`));
      log.error({ err: new Error(`duplicate ${OTHER_ID}`) }, 'import problem');
      log.child({ personalId: ID, station: `enc-${OTHER_ID}` }).info('child line');
    });
    expect(lines[0]!.msg).toBe('record 001******45 rejected');
    expect(lines[1]!.msg).toBe('printing 001******45 for order 7');
    expect(lines[2]!.msg).toBe('chip write failed for 001******45');
    expect((lines[3]!.err as { message: string; type: string })).toMatchObject({ message: 'duplicate 079******34', type: 'Error' });
    expect(lines[4]).toMatchObject({ personalId: '001******45', station: 'enc-079******34', msg: 'child line' });
    expect(text).not.toContain(ID);
    expect(text).not.toContain(OTHER_ID);
  });

  it('replaces photo bytes and buffers by their length', () => {
    const { lines } = capture((log) => log.debug({ image: Buffer.alloc(5000, 1), photo: new Uint8Array(10) }, 'bytes'));
    expect(lines[0]).toMatchObject({ image: '[5000 bytes]', photo: '[removed]' });
  });

  it('leaves other numbers alone', () => {
    const { lines } = capture((log) => log.info({ serial: '1234567890123', count: 12345678901 }, 'card 98765432101234'));
    expect(lines[0]).toMatchObject({ serial: '1234567890123', count: 12345678901, msg: 'card 98765432101234' });
  });
});
