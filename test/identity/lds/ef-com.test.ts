import { buildEfCom, parseEfCom } from '../../../src/identity/lds/ef-com';
import { LdsError, LdsFormatError } from '../../../src/identity/lds/lds-error';
import { describeWithSamples, sample } from './emrtd-samples';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('EF.COM', () => {
  test("parses ICAO 9303-10's example EF.COM (LDS 1.6, Unicode 4.0.0, DG1 and DG2)", () => {
    expect(parseEfCom(hex('60145F0104303130365F36063034303030305C026175'))).toEqual({
      ldsVersion: '0106',
      unicodeVersion: '040000',
      dataGroups: [1, 2],
    });
  });

  test('builds the cardline EF.COM: LDS 1.7, Unicode 4.0.0, tags 61 75 6D 6F (hand-encoded)', () => {
    expect(toHex(buildEfCom([1, 2, 13, 15]))).toBe('60165F0104303130375F36063034303030305C0461756D6F');
  });

  test('building with versions 0106 reproduces the ICAO example byte for byte', () => {
    expect(toHex(buildEfCom([1, 2], { lds: '0106' }))).toBe('60145F0104303130365F36063034303030305C026175');
  });

  test('refuses duplicates and unknown data groups', () => {
    expect(() => buildEfCom([1, 1])).toThrow(RangeError);
    expect(() => buildEfCom([17])).toThrow(RangeError);
  });

  test.each([
    ['wrong outer tag', '61145F0104303130365F36063034303030305C026175'],
    ['version not digits', '60145F010430313A365F36063034303030305C026175'],
    ['tag list names 77, not a data group', '60145F0104303130365F36063034303030305C026177'],
    ['no tag list', '60105F0104303130365F3606303430303030'],
    ['truncated', '60145F0104303130365F360630343030'],
  ])('%s -> LdsError', (_what, input) => {
    expect(() => parseEfCom(hex(input))).toThrow(LdsError);
  });

  test('the error for a bad tag names the file and the element', () => {
    expect(() => parseEfCom(hex('60145F0104303130365F36063034303030305C026177'))).toThrow(/EF\.COM: 5C tag list: 77/);
    expect(() => parseEfCom(hex('60145F0104303130365F36063034303030305C026177'))).toThrow(LdsFormatError);
  });
});

describeWithSamples('EF.COM of the BSI 2008 test passport', () => {
  test('lists DG1, DG2, DG3, DG14', () => {
    expect(parseEfCom(sample('bsi2008_EF_COM.bin'))).toEqual({ ldsVersion: '0107', unicodeVersion: '040000', dataGroups: [1, 2, 3, 14] });
  });
});
