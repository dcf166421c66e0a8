/** Status words are explained, never thrown on. */
import fc from 'fast-check';
import { describeStatusWord } from '../../../src/devices/chip/status-words';

describe('describeStatusWord', () => {
  test.each([
    [0x9000, 'ok', 'success'],
    [0x6982, 'error', 'security status not satisfied'],
    [0x6985, 'error', 'conditions of use not satisfied'],
    [0x6a82, 'error', 'file or application not found'],
    [0x6a84, 'error', 'not enough memory'],
    [0x6700, 'error', 'wrong length'],
    [0x6d00, 'error', 'instruction not supported'],
    [0x6e00, 'error', 'class not supported'],
    [0x6a86, 'error', 'incorrect P1 P2'],
    [0x6b00, 'error', 'wrong parameters P1 P2'],
    [0x6300, 'warning', 'authentication failed'],
    [0x6581, 'error', 'memory failure'],
    [0x6988, 'error', 'secure messaging objects incorrect'],
  ])('%s', (sw, kind, name) => {
    expect(describeStatusWord(sw)).toMatchObject({ kind, name });
  });

  test('61xx and 6Cxx carry the byte count, 00 meaning 256', () => {
    expect(describeStatusWord(0x6110)).toMatchObject({ kind: 'more-data', hex: '6110' });
    expect(describeStatusWord(0x6110).meaning).toMatch(/\b16 more/);
    expect(describeStatusWord(0x6100).meaning).toMatch(/\b256 more/);
    expect(describeStatusWord(0x6c04)).toMatchObject({ kind: 'wrong-le' });
    expect(describeStatusWord(0x6c04).meaning).toMatch(/exactly 4 bytes/);
  });

  test('63Cx tells the tries left', () => {
    expect(describeStatusWord(0x63c2).meaning).toMatch(/2 tries left/);
  });

  test('every 16-bit value gets an explanation with a name and a meaning', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (sw) => {
        const info = describeStatusWord(sw);
        expect(info.hex).toMatch(/^[0-9A-F]{4}$/);
        expect(info.name.length).toBeGreaterThan(0);
        expect(info.meaning.length).toBeGreaterThan(0);
      }),
    );
  });
});
