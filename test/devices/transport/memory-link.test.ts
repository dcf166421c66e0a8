/** The in-memory link: order, chunking, latency on the injected clock, copies, and closing. */
import { TransportClosedError } from '../../../src/devices/transport/byte-transport';
import { createMemoryLink } from '../../../src/devices/transport/memory-link';
import { VirtualClock } from '../../../src/simulators/virtual-clock';

const collect = (end: { onData(l: (c: Uint8Array) => void): () => void }) => {
  const chunks: number[][] = [];
  end.onData((c) => chunks.push(Array.from(c)));
  return chunks;
};

test('what one end writes the other receives, in order, asynchronously', async () => {
  const [a, b] = createMemoryLink();
  const got = collect(b);
  const first = a.write(Uint8Array.of(1, 2));
  const second = a.write(Uint8Array.of(3));
  expect(got).toEqual([]); // never delivered inside write: the reader runs later, as with a real port
  await Promise.all([first, second]);
  expect(got).toEqual([[1, 2], [3]]);
  const back = collect(a);
  await b.write(Uint8Array.of(9));
  await new Promise((r) => setImmediate(r));
  expect(back).toEqual([[9]]);
});

test('chunkSize splits writes the way a serial driver might', async () => {
  const [a, b] = createMemoryLink({ chunkSize: 3 });
  const got = collect(b);
  await a.write(Uint8Array.of(1, 2, 3, 4, 5, 6, 7));
  await new Promise((r) => setImmediate(r));
  expect(got).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
});

test('latency is on the injected clock: nothing before it, everything in order at it', async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryLink({ clock, latencyMs: 50 });
  const got = collect(b);
  await a.write(Uint8Array.of(1));
  await clock.advance(10);
  await a.write(Uint8Array.of(2));
  await clock.advance(39);
  expect(got).toEqual([]);
  await clock.advance(1);
  expect(got).toEqual([[1]]);
  await clock.advance(10);
  expect(got).toEqual([[1], [2]]);
});

test('the receiver gets a copy: the writer may reuse its buffer (even a Buffer, whose slice is a view)', async () => {
  const [a, b] = createMemoryLink();
  const got = collect(b);
  const buf = Buffer.from([1, 2, 3]);
  await a.write(buf);
  buf.fill(0);
  await Promise.resolve();
  expect(got).toEqual([[1, 2, 3]]);
});

test('closing either end closes both; writes then reject; close listeners added late still hear it', async () => {
  const [a, b] = createMemoryLink();
  const closes: string[] = [];
  a.onClose((e) => closes.push(`a ${e ?? 'orderly'}`));
  b.onClose((e) => closes.push(`b ${e ?? 'orderly'}`));
  await b.close();
  expect(closes.sort()).toEqual(['a orderly', 'b orderly']);
  expect(a.isOpen).toBe(false);
  await expect(a.write(Uint8Array.of(1))).rejects.toBeInstanceOf(TransportClosedError);
  await expect(a.write(Uint8Array.of(1))).rejects.toThrow('memory:a is closed');
  const late = await new Promise<string>((resolve) => a.onClose(() => resolve('heard')));
  expect(late).toBe('heard');
  await a.close(); // twice is harmless
});

test('bytes in flight when the link closes are dropped, not delivered after close', async () => {
  const clock = new VirtualClock();
  const [a, b] = createMemoryLink({ clock, latencyMs: 5 });
  const got = collect(b);
  await a.write(Uint8Array.of(1));
  await a.close();
  await clock.advance(10);
  expect(got).toEqual([]);
  expect(clock.pending).toBe(0);
});

test('bad options are refused', () => {
  expect(() => createMemoryLink({ latencyMs: -1 })).toThrow(RangeError);
  expect(() => createMemoryLink({ chunkSize: 0 })).toThrow(RangeError);
});
