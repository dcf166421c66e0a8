import { BoundedCache } from '../../../src/identity/pki/bounded-cache';

describe('BoundedCache', () => {
  test('computes once per key, evicts the least recently used beyond capacity', () => {
    const cache = new BoundedCache<number>(2);
    let calls = 0;
    const make = (v: number) => () => {
      calls++;
      return v;
    };
    expect(cache.getOrCreate('a', make(1))).toBe(1);
    expect(cache.getOrCreate('b', make(2))).toBe(2);
    expect(cache.getOrCreate('a', make(99))).toBe(1); // hit; 'a' becomes most recent
    expect(calls).toBe(2);
    cache.getOrCreate('c', make(3)); // evicts 'b'
    expect(cache.getOrCreate('a', make(99))).toBe(1);
    expect(cache.getOrCreate('b', make(20))).toBe(20);
    expect(calls).toBe(4);
  });

  test('a failing computation is not stored', () => {
    const cache = new BoundedCache<number>(2);
    expect(() => cache.getOrCreate('x', () => { throw new Error('boom'); })).toThrow('boom');
    expect(cache.getOrCreate('x', () => 5)).toBe(5);
  });
});
