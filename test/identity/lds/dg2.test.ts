import { buildDg2, parseDg2 } from '../../../src/identity/lds/dg2';
import { parseFacialRecord } from '../../../src/identity/lds/facial-record';
import { isJpeg, isJpeg2000, readJpegInfo } from '../../../src/identity/lds/jpeg-info';
import { LdsError, LdsFormatError } from '../../../src/identity/lds/lds-error';
import { children, readSingleTlv } from '../../../src/identity/lds/tlv';
import { describeWithSamples, sample } from './emrtd-samples';
import { makeJpeg } from './jpeg-fixture';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describe('JPEG frame header', () => {
  // SOI, APP0 (JFIF, 16 bytes), DHT stub (must not be taken for a frame), fill bytes, SOF0 320 x 240 x 3.
  const handMade = hex(
    'FFD8 FFE0 0010 4A46494600 0101 00 0001 0001 0000' +
      'FFC4 0004 0000' +
      'FFFF FFC0 0011 08 0140 00F0 03 011100 021101 031101' +
      'FFDA 0008 01 0100 003F00',
  );

  test('reads height and width from SOF0 after APP0, a DHT and fill bytes', () => {
    expect(readJpegInfo(handMade)).toEqual({ width: 240, height: 320, components: 3 });
  });

  test('reads a progressive frame (SOF2) too', () => {
    const sof2 = hex('FFD8 FFC2 000B 08 0010 0020 01 011100 FFD9');
    expect(readJpegInfo(sof2)).toEqual({ width: 32, height: 16, components: 1 });
  });

  test('agrees with the size a real encoder was asked for', () => {
    expect(readJpegInfo(makeJpeg(123, 77))).toMatchObject({ width: 123, height: 77 });
  });

  test.each([
    ['not a JPEG', '89504E47'],
    ['scan before any frame header', 'FFD8 FFDA 0008 01 0100 003F00'],
    ['segment longer than the file', 'FFD8 FFE0 0100 00'],
    ['ends before a frame header', 'FFD8 FFE0 0004 0000'],
  ])('%s -> LdsFormatError', (_what, input) => {
    expect(() => readJpegInfo(hex(input))).toThrow(LdsFormatError);
  });

  test('signatures', () => {
    expect(isJpeg(hex('FFD8FFE0'))).toBe(true);
    expect(isJpeg2000(hex('0000000C6A5020200D0A870A'))).toBe(true);
    expect(isJpeg2000(hex('FF4FFF51'))).toBe(true);
    expect(isJpeg(hex('0000000C6A5020200D0A870A'))).toBe(false);
  });
});

describe('DG2 building', () => {
  const jpeg = makeJpeg(240, 320);
  const dg2 = buildDg2({ jpeg, sex: 'F' });

  test('nests 75 / 7F61 { 02 01 01, 7F60 { A1 header, 5F2E record } }', () => {
    const outer = readSingleTlv(dg2);
    expect(outer.tag).toBe(0x75);
    const [group] = children(outer);
    expect(group!.tag).toBe(0x7f61);
    const [count, template] = children(group!);
    expect(toHex(count!.raw)).toBe('020101');
    const [header, block] = children(template!);
    // 80 ICAO header version 1.1, 81 type face, 82 subtype none, 87 owner SC37, 88 type 19794-5 face.
    expect(toHex(header!.raw)).toBe('A112' + '80020101' + '810102' + '820100' + '87020101' + '88020008');
    expect(block!.tag).toBe(0x5f2e);
  });

  test('the facial record header matches ISO/IEC 19794-5 byte for byte (hand-assembled)', () => {
    const block = children(children(children(readSingleTlv(dg2))[0]!)[1]!)[1]!;
    const n = jpeg.length;
    const u32 = (v: number) => v.toString(16).toUpperCase().padStart(8, '0');
    const expectedHead =
      '46414300' + '30313000' + u32(46 + n) + '0001' + // general header
      u32(32 + n) + '0000' + '02' + '00' + '00' + '000000' + '0000' + '000000' + '000000' + // facial information
      '01' + '00' + '00F0' + '0140' + '01' + '00' + '0000' + '0000'; // image information
    expect(toHex(block.value.subarray(0, 46))).toBe(expectedHead);
    expect(Buffer.from(block.value.subarray(46)).equals(Buffer.from(jpeg))).toBe(true);
  });

  test('round trip: the parser returns the JPEG and the header fields', () => {
    const parsed = parseDg2(dg2);
    expect(Buffer.from(parsed.image).equals(Buffer.from(jpeg))).toBe(true);
    expect(parsed.imageDataType).toBe(0);
    const face = parsed.biometrics[0]!.faces[0]!;
    expect(face).toMatchObject({ gender: 2, faceImageType: 1, imageDataType: 0, width: 240, height: 320, colourSpace: 1 });
    expect(parsed.biometrics[0]!.recordVersion).toBe('010');
  });

  test('male and unspecified gender codes are 01 and 00', () => {
    expect(parseDg2(buildDg2({ jpeg, sex: 'M' })).biometrics[0]!.faces[0]!.gender).toBe(1);
    expect(parseDg2(buildDg2({ jpeg })).biometrics[0]!.faces[0]!.gender).toBe(0);
  });

  test('refuses a photo that is not a JPEG', () => {
    expect(() => buildDg2({ jpeg: hex('89504E470D0A1A0A') })).toThrow(LdsFormatError);
  });
});

describe('DG2 parsing errors', () => {
  const jpeg = makeJpeg(16, 16);
  const dg2 = buildDg2({ jpeg });
  const recordStart = dg2.length - jpeg.length - 46;

  test('a record length that disagrees with the data block', () => {
    const bad = Uint8Array.from(dg2);
    bad[recordStart + 11] = bad[recordStart + 11]! ^ 0x01; // low byte of the record length
    expect(() => parseDg2(bad)).toThrow(/record length/);
  });

  test('a wrong format identifier', () => {
    const bad = Uint8Array.from(dg2);
    bad[recordStart] = 0x47; // "GAC"
    expect(() => parseDg2(bad)).toThrow(LdsFormatError);
  });

  test('an instance count that disagrees with the templates', () => {
    const bad = Uint8Array.from(dg2);
    const countAt = Buffer.from(bad).indexOf(Buffer.from('020101', 'hex'));
    bad[countAt + 2] = 2;
    expect(() => parseDg2(bad)).toThrow(/instance count/);
  });

  test('every truncation is an LdsError, never another exception', () => {
    for (let cut = 0; cut < dg2.length; cut += 7) {
      expect(() => parseDg2(dg2.subarray(0, cut))).toThrow(LdsError);
    }
  });

  test('a facial record whose face block claims more than is there', () => {
    const record = hex('46414300 30313000 0000002E 0001 000000FF 0000 00 00 00 000000 0000 000000 000000 01 00 0001 0001 00 00 0000 0000');
    expect(() => parseFacialRecord(record)).toThrow(LdsFormatError);
  });
});

describeWithSamples('DG2 of the BSI 2008 test passport', () => {
  test('parses, and its image is a JPEG 2000 whose declared lengths agree', () => {
    const bytes = sample('bsi2008_Datagroup2.bin');
    const parsed = parseDg2(bytes);
    expect(parsed.biometrics).toHaveLength(1);
    const b = parsed.biometrics[0]!;
    expect(b.formatOwner).toBe(0x0101);
    expect(b.formatType).toBe(0x0008);
    expect(b.faces).toHaveLength(1);
    const face = b.faces[0]!;
    // Read by hand from the file: image information 01 01 0151 01C1 ..., facial data length 0x3AB7.
    expect(face).toMatchObject({ faceImageType: 1, imageDataType: 1, width: 337, height: 449 });
    expect(face.imageData.length).toBe(0x3ab7 - 20 - 12);
    expect(isJpeg2000(parsed.image)).toBe(true);
    // The image runs to the end of the file.
    expect(parsed.image.byteOffset + parsed.image.length).toBe(bytes.byteOffset + bytes.length);
  });
});
