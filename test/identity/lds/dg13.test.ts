import fc from 'fast-check';
import { buildDg13, dg13FromRecord, parseDg13, type Dg13Data } from '../../../src/identity/lds/dg13';
import { LdsError, LdsFormatError } from '../../../src/identity/lds/lds-error';
import type { CitizenRecord } from '../../../src/identity/record';
import { validateRecord } from '../../../src/identity/validate';
import { arbValidRecord } from '../fixtures';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** Independent oracle: short-form DER TLV (every element in these tests is under 128 bytes). */
function tlv(tag: number, body: string): string {
  const len = body.length / 2;
  if (len > 127) throw new Error('oracle handles short lengths only');
  return tag.toString(16).toUpperCase().padStart(2, '0') + len.toString(16).toUpperCase().padStart(2, '0') + body;
}
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8').toString('hex').toUpperCase());
const printable = (s: string) => tlv(0x13, Buffer.from(s, 'latin1').toString('hex').toUpperCase());
/** `6D L body` with the length in short or 81 form. */
function dg13Of(body: string): Uint8Array {
  const n = body.length / 2;
  const len = n < 128 ? n.toString(16).padStart(2, '0') : '81' + n.toString(16).padStart(2, '0');
  return Uint8Array.from(Buffer.from('6D' + len + body, 'hex'));
}
const field = (n: number, value: string) => tlv(0x30, tlv(0x02, n.toString(16).toUpperCase().padStart(2, '0')) + value);

const SPECIMEN: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  issueDate: '2021-06-22',
};

describe('DG13 encoding', () => {
  test('a record without optional fields: every field 1-15, empty values, empty spouse SEQUENCE', () => {
    const body =
      field(1, printable('001199012345')) +
      field(2, utf8('Nguyễn Thị Mai')) +
      field(3, printable('15/03/1999')) +
      field(4, utf8('Nữ')) +
      field(5, utf8('Việt Nam')) +
      field(6, utf8('')) +
      field(7, utf8('')) +
      field(8, utf8('')) +
      field(9, utf8('')) +
      field(10, utf8('')) +
      field(11, printable('22/06/2021')) +
      // 2014 law: born 1999-03-15, issued 2021-06-22, before the two-year window of the 25 milestone opens
      // (2022-03-15): expires at 25, 2024-03-15, as the REFERENCE specimen MRZ (240315) says.
      field(12, utf8('15/03/2024')) +
      field(13, tlv(0x30, utf8('') + utf8(''))) +
      field(14, tlv(0x30, '')) +
      field(15, printable(''));
    const outer = '6D' + '81' + (body.length / 2).toString(16).toUpperCase().padStart(2, '0') + body;
    expect(toHex(buildDg13(dg13FromRecord(SPECIMEN, 'vn-cccd-2021')))).toBe(outer);
  });

  test('spot checks of hand-encoded fields: sex "Nữ" is 0C 04 4E E1 BB AF; ID is a PrintableString', () => {
    const hexDg = toHex(buildDg13(dg13FromRecord(SPECIMEN, 'vn-cccd-2021')));
    expect(hexDg).toContain('3009020104' + '0C044EE1BBAF');
    expect(hexDg).toContain('3011020101' + '130C303031313939303132333435');
  });

  test('all optional fields present: parents as SEQUENCE of two UTF8Strings, spouse as SEQUENCE { UTF8String }', () => {
    const record: CitizenRecord = {
      ...SPECIMEN,
      ethnicity: 'Kinh',
      religion: 'Không',
      placeOfOrigin: 'Hà Nội',
      placeOfResidence: 'Số 1, phố Giả Định',
      identifyingMarks: 'Nốt ruồi',
      oldIdNumber: '012345678',
      fatherName: 'Nguyễn Văn Bố',
      motherName: 'Lê Thị Mẹ',
      spouseName: 'Trần Văn Chồng',
    };
    const hexDg = toHex(buildDg13(dg13FromRecord(record, 'vn-cccd-2021')));
    expect(hexDg).toContain(field(13, tlv(0x30, utf8('Nguyễn Văn Bố') + utf8('Lê Thị Mẹ'))));
    expect(hexDg).toContain(field(14, tlv(0x30, utf8('Trần Văn Chồng'))));
    expect(hexDg).toContain(field(15, printable('012345678')));
    expect(hexDg).toContain(field(6, utf8('Kinh')));
    expect(parseDg13(buildDg13(dg13FromRecord(record, 'vn-cccd-2021')))).toEqual({
      ...record,
      dateOfExpiry: '2024-03-15',
    });
  });

  test('a card without expiry says "Không thời hạn"', () => {
    const old: CitizenRecord = { ...SPECIMEN, personalId: '001160012345', dateOfBirth: '1960-01-01', issueDate: '2021-06-22' };
    const data = dg13FromRecord(old, 'vn-cccd-2021');
    expect(data.dateOfExpiry).toBeNull();
    expect(toHex(buildDg13(data))).toContain(field(12, utf8('Không thời hạn')));
    expect(parseDg13(buildDg13(data)).dateOfExpiry).toBeNull();
  });

  test('place of birth registration and photo have no DG13 field', () => {
    const data = dg13FromRecord({ ...SPECIMEN, placeOfBirthRegistration: 'Hà Nội', photo: 'x.jpg' }, 'vn-cccd-2021');
    expect(Object.keys(data)).not.toContain('placeOfBirthRegistration');
    expect(Object.keys(data)).not.toContain('photo');
  });

  test('refuses an ID that is not PrintableString material, and impossible dates', () => {
    const data = dg13FromRecord(SPECIMEN, 'vn-cccd-2021');
    expect(() => buildDg13({ ...data, personalId: '00119901234é' })).toThrow(RangeError);
    expect(() => buildDg13({ ...data, dateOfBirth: '1999-02-30' })).toThrow(RangeError);
  });
});

describe('DG13 parsing', () => {
  const good = buildDg13(dg13FromRecord(SPECIMEN, 'vn-cccd-2021'));
  const goodHex = toHex(good);

  function replaced(from: string, to: string): Uint8Array {
    expect(goodHex).toContain(from);
    return dg13Of(goodHex.slice(6).replace(from, to));
  }

  test('omitted optional fields read as absent, like empty ones', () => {
    const minimal =
      field(1, printable('001199012345')) +
      field(2, utf8('Nguyễn Thị Mai')) +
      field(3, printable('15/03/1999')) +
      field(4, utf8('Nữ')) +
      field(5, utf8('Việt Nam')) +
      field(11, printable('22/06/2021')) +
      field(12, utf8('15/03/2024'));
    const bytes = dg13Of(minimal);
    expect(parseDg13(bytes)).toEqual(dg13FromRecord(SPECIMEN, 'vn-cccd-2021'));
  });

  test('accepts fields in another order and ignores a field 16', () => {
    const reversed =
      field(16, utf8('?')) +
      field(12, utf8('15/03/2024')) +
      field(11, printable('22/06/2021')) +
      field(5, utf8('Việt Nam')) +
      field(4, utf8('Nữ')) +
      field(3, printable('15/03/1999')) +
      field(2, utf8('Nguyễn Thị Mai')) +
      field(1, printable('001199012345'));
    const bytes = dg13Of(reversed);
    expect(parseDg13(bytes)).toEqual(dg13FromRecord(SPECIMEN, 'vn-cccd-2021'));
  });

  test.each([
    ['DOB as UTF8String instead of PrintableString', field(3, printable('15/03/1999')), field(3, utf8('15/03/1999')), /field 3/],
    ['DOB not a real date', field(3, printable('15/03/1999')), field(3, printable('31/02/1999')), /field 3/],
    ['sex neither Nam nor Nữ', field(4, utf8('Nữ')), field(4, utf8('Nu')), /field 4/],
    ['spouse SEQUENCE with two names', field(14, tlv(0x30, '')), field(14, tlv(0x30, utf8('A') + utf8('B'))), /field 14/],
    ['field 1 repeated', field(2, utf8('Nguyễn Thị Mai')), field(1, printable('001199012345')), /twice/],
    ['mandatory name empty', field(2, utf8('Nguyễn Thị Mai')), field(2, utf8('')), /field 2/],
  ])('%s -> LdsFormatError', (_what, from, to, message) => {
    const bytes = replaced(from, to);
    expect(() => parseDg13(bytes)).toThrow(LdsFormatError);
    expect(() => parseDg13(bytes)).toThrow(message);
  });

  test('every truncation is an LdsError', () => {
    for (let cut = 0; cut < good.length; cut += 3) expect(() => parseDg13(good.subarray(0, cut))).toThrow(LdsError);
  });

  test('invalid UTF-8 in a UTF8String is an LdsFormatError', () => {
    const bad = replaced(field(5, utf8('Việt Nam')), field(5, tlv(0x0c, 'C328')));
    expect(() => parseDg13(bad)).toThrow(/not valid UTF-8/);
  });
});

describe('DG13 round trip (property)', () => {
  const text = fc.option(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }), { nil: undefined });
  test('parse(build(dg13FromRecord(r))) = dg13FromRecord(r) for valid records with any optional text', () => {
    fc.assert(
      fc.property(
        arbValidRecord(),
        fc.record({ ethnicity: text, religion: text, identifyingMarks: text, spouseName: text, fatherName: text, motherName: text }),
        fc.option(fc.integer({ min: 0, max: 999_999_999 }).map((n) => String(n).padStart(9, '0')), { nil: undefined }),
        ({ product, raw, today }, extra, oldIdNumber) => {
          const v = validateRecord(raw, 1, { today, product });
          if (!v.ok) throw new Error(JSON.stringify(v.errors));
          const record: CitizenRecord = { ...v.record };
          for (const [k, val] of Object.entries(extra)) if (val !== undefined) (record as unknown as Record<string, string>)[k] = val;
          if (oldIdNumber !== undefined) record.oldIdNumber = oldIdNumber;
          const data: Dg13Data = dg13FromRecord(record, product);
          expect(parseDg13(buildDg13(data))).toEqual(data);
        },
      ),
      { numRuns: 300 },
    );
  });
});
