import { buildDg1, parseDg1 } from '../../../src/identity/lds/dg1';
import { LdsError } from '../../../src/identity/lds/lds-error';
import { describeWithSamples, sample } from './emrtd-samples';

const SPECIMEN = ['IDVNM1990123456001199012345<<7', '9903159F2403155VNM<<<<<<<<<<<0', 'NGUYEN<<THI<MAI<<<<<<<<<<<<<<<'];

describe('DG1', () => {
  test('is 61 5D 5F1F 5A followed by the 90 MRZ characters', () => {
    const dg1 = buildDg1(SPECIMEN);
    expect(dg1.length).toBe(95);
    expect(Buffer.from(dg1.subarray(0, 5)).toString('hex').toUpperCase()).toBe('615D5F1F5A');
    expect(Buffer.from(dg1.subarray(5)).toString('latin1')).toBe(SPECIMEN.join(''));
  });

  test('round trip back to the three lines', () => {
    expect(parseDg1(buildDg1(SPECIMEN)).lines).toEqual(SPECIMEN);
  });

  test('refuses lines of the wrong shape', () => {
    expect(() => buildDg1(SPECIMEN.slice(0, 2))).toThrow(RangeError);
    expect(() => buildDg1([SPECIMEN[0]!, SPECIMEN[1]!, 'nguyen<<thi<mai<<<<<<<<<<<<<<<'])).toThrow(RangeError);
  });

  test('parse errors are LdsErrors: wrong tag, wrong length, bad characters', () => {
    const good = buildDg1(SPECIMEN);
    const wrongTag = Uint8Array.from(good);
    wrongTag[0] = 0x62;
    expect(() => parseDg1(wrongTag)).toThrow(LdsError);
    const lower = Uint8Array.from(good);
    lower[10] = 0x61; // 'a'
    expect(() => parseDg1(lower)).toThrow(/outside/);
    expect(() => parseDg1(good.subarray(0, 60))).toThrow(LdsError);
  });
});

describeWithSamples('DG1 of the BSI 2008 test passport (TD3)', () => {
  test('reads two lines of 44', () => {
    const { lines } = parseDg1(sample('bsi2008_Datagroup1.bin'));
    expect(lines).toEqual(['P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<', 'C11T002JM4D<<9608122F1310317<<<<<<<<<<<<<<<6']);
  });
});
