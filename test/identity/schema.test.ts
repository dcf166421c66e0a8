import { FIELD_MAX_LENGTH, parseRawRecord, rawRecordSchema } from '../../src/identity/schema';
import { RECORD_FIELDS } from '../../src/identity/record';
import { cccdRecord } from './fixtures';

describe('parseRawRecord', () => {
  test('trims and NFC-normalises text; decomposed input comes out precomposed', () => {
    const nfd = 'Nguyễn Thị Mai'.normalize('NFD');
    expect(nfd).not.toBe('Nguyễn Thị Mai'.normalize('NFC'));
    const { fields, errors } = parseRawRecord({ fullName: `  ${nfd}\t `, religion: ' Không ' }, 7);
    expect(errors).toEqual([]);
    expect(fields.fullName).toBe('Nguyễn Thị Mai'.normalize('NFC'));
    expect(fields.religion).toBe('Không');
  });

  test("'' (after trimming), null and a missing key are all absent", () => {
    const { fields, errors } = parseRawRecord({ ethnicity: '', religion: '   ', spouseName: null }, 1);
    expect(errors).toEqual([]);
    // The schema's contract: '' (blank text), null and undefined all mean "absent" (RawRecordFields).
    expect(fields.ethnicity || undefined).toBeUndefined();
    expect(fields.religion).toBe('');
    expect(fields.spouseName || undefined).toBeUndefined();
    expect(fields.motherName || undefined).toBeUndefined();
  });

  test.each([
    [12, /must be text, got a number .*leading zeros/],
    [true, /must be text, got a boolean/],
    [{ a: 1 }, /must be text, got an object/],
    [['x'], /must be text, got a list/],
  ])('a field of type %j is an error naming the type', (value, message) => {
    const { errors } = parseRawRecord({ personalId: value }, 4);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 4, field: 'personalId' });
    expect(errors[0]!.message).toMatch(message);
  });

  test.each([
    [null, 'null'],
    [[], 'a list'],
    ['text', 'string'],
    [42, 'a number'],
    [undefined, 'undefined'],
  ])('a record that is %j is an error on "record"', (raw, kind) => {
    const { errors } = parseRawRecord(raw, 9);
    expect(errors).toEqual([{ row: 9, field: 'record', message: expect.stringContaining(`got ${kind}`) }]);
  });

  test('every field error is collected and the good fields survive', () => {
    const { fields, errors } = parseRawRecord(
      { ...cccdRecord(), personalId: 1, fullName: 'x'.repeat(101), religion: false, placeOfOrigin: 'a\u0007b' },
      3,
    );
    expect(errors.map((e) => e.field).sort()).toEqual(['fullName', 'personalId', 'placeOfOrigin', 'religion']);
    expect(fields.dateOfBirth).toBe('1999-03-15');
    expect(fields.placeOfResidence).toBe(cccdRecord().placeOfResidence);
    expect(fields.personalId).toBeUndefined();
  });

  describe('lengths', () => {
    test.each([
      ['fullName', 100],
      ['fatherName', 100],
      ['placeOfResidence', 250],
      ['placeOfOrigin', 250],
      ['placeOfBirthRegistration', 250],
      ['identifyingMarks', 250],
    ] as const)('%s: %i characters pass, one more fails with actual length and limit', (field, limit) => {
      expect(FIELD_MAX_LENGTH[field]).toBe(limit);
      expect(parseRawRecord({ [field]: 'á'.repeat(limit) }, 1).errors).toEqual([]);
      const { errors } = parseRawRecord({ [field]: 'á'.repeat(limit + 1) }, 1);
      expect(errors).toEqual([{ row: 1, field, message: `is ${limit + 1} characters long; the limit is ${limit}` }]);
    });

    test('the limit applies after NFC: a decomposed 100-letter name passes', () => {
      const nfd = 'ễ'.repeat(100).normalize('NFD');
      expect(nfd.length).toBe(300);
      expect(parseRawRecord({ fullName: nfd }, 1).errors).toEqual([]);
    });

    test('surrounding whitespace does not count', () => {
      expect(parseRawRecord({ fullName: `   ${'a'.repeat(100)}   ` }, 1).errors).toEqual([]);
    });

    test('a 10 MB field gives one clean error, fast', () => {
      const huge = 'a'.repeat(10_000_000);
      const started = process.hrtime.bigint();
      const { errors } = parseRawRecord({ ...cccdRecord(), fullName: huge, placeOfResidence: huge }, 2);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      expect(errors).toEqual([
        { row: 2, field: 'fullName', message: 'is 10000000 characters long; the limit is 100' },
        { row: 2, field: 'placeOfResidence', message: 'is 10000000 characters long; the limit is 250' },
      ]);
      expect(ms).toBeLessThan(200);
    });

    test('a photo may be a 2,000,000-character data: URI but not longer', () => {
      const body = 'A'.repeat(2_000_000 - 'data:image/jpeg;base64,'.length);
      expect(parseRawRecord({ photo: `data:image/jpeg;base64,${body}` }, 1).errors).toEqual([]);
      expect(parseRawRecord({ photo: `data:image/jpeg;base64,${body}A` }, 1).errors[0]!.message).toBe(
        'is 2000001 characters long; the limit is 2000000',
      );
    });
  });

  test.each([
    ['Mai\nAnh', 'U+000A', 4],
    ['Mai\tAnh', 'U+0009', 4],
    ['  Mai\u007f', 'U+007F', 6],
    ['Mai\u0000', 'U+0000', 4],
  ])('a control character in %j is an error with its code and position', (value, code, position) => {
    const { errors } = parseRawRecord({ fullName: value }, 1);
    expect(errors).toEqual([{ row: 1, field: 'fullName', message: `contains a control character (${code}) at position ${position}` }]);
  });

  describe('unknown keys', () => {
    test('are ignored with one warning', () => {
      const { fields, errors, warnings } = parseRawRecord({ ...cccdRecord(), fullname: 'typo', extra: 1 }, 5);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([{ row: 5, field: 'record', message: 'unknown fields ignored: "fullname", "extra"' }]);
      expect(Object.keys(fields)).not.toContain('fullname');
    });

    test('a record with many unknown keys lists five and counts the rest', () => {
      const raw: Record<string, string> = {};
      for (let i = 0; i < 1000; i++) raw[`k${i}`] = 'v';
      const { warnings } = parseRawRecord(raw, 1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toBe('unknown fields ignored: "k0", "k1", "k2", "k3", "k4" and 995 more');
    });
  });

  test('the exported zod schema covers every record field and strips unknown keys', () => {
    expect(Object.keys(rawRecordSchema.shape).sort()).toEqual([...RECORD_FIELDS].sort());
    const parsed = rawRecordSchema.parse({ fullName: ' Mai ', other: 1 });
    expect(parsed).toEqual({ fullName: 'Mai' });
    expect(rawRecordSchema.safeParse({ fullName: 3 }).success).toBe(false);
  });
});
