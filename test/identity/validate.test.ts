import fc from 'fast-check';
import { ALWAYS_REQUIRED, validateRecord, type ValidationResult } from '../../src/identity/validate';
import { QR_TEXT_FIELDS } from '../../src/identity/qr-payload';
import { computeExpiry } from '../../src/identity/expiry';
import { RECORD_FIELDS } from '../../src/identity/record';
import { arbValidRecord, cancuocRecord, cccdRecord, makeId } from './fixtures';

const TODAY = '2025-06-30';

function ok(result: ValidationResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result;
}
function failed(result: ValidationResult) {
  if (result.ok) throw new Error('expected errors, the record passed');
  return result;
}
/** The fields with errors, sorted. */
function errorFields(raw: unknown, opts: Parameters<typeof validateRecord>[2] = { today: TODAY }): string[] {
  return failed(validateRecord(raw, 1, opts)).errors.map((e) => e.field).sort();
}

describe('valid records', () => {
  test('a 2021 record: product from the issue date, expiry by the 2014 law, nationality defaulted', () => {
    const result = ok(validateRecord(cccdRecord(), 3, { today: TODAY }));
    expect(result.product).toBe('vn-cccd-2021');
    expect(result.expiryDate).toBe('2024-03-15');
    expect(result.warnings).toEqual([]);
    expect(result.record).toEqual({ ...cccdRecord(), nationality: 'Việt Nam' });
  });

  test('a 2024 record for an adult', () => {
    const result = ok(validateRecord(cancuocRecord(), 1, { today: TODAY }));
    expect(result.product).toBe('vn-cancuoc-2024');
    // Born 1988-11-02, issued at 35: next milestone 40
    expect(result.expiryDate).toBe('2028-11-02');
  });

  test('no expiry at 58 and over', () => {
    const raw = cancuocRecord({ dateOfBirth: '1960-01-01', personalId: makeId('1960-01-01', 'M') });
    expect(ok(validateRecord(raw, 1, { today: TODAY })).expiryDate).toBeNull();
  });

  test('the clean record has no empty or undefined optional fields', () => {
    const raw = cccdRecord({ religion: '', ethnicity: '  ', spouseName: null, oldIdNumber: undefined });
    const { record } = ok(validateRecord(raw, 1, { today: TODAY }));
    for (const [key, value] of Object.entries(record)) {
      expect(value).not.toBe('');
      expect(value).not.toBeUndefined();
      expect(RECORD_FIELDS).toContain(key);
    }
    expect('religion' in record).toBe(false);
    expect('spouseName' in record).toBe(false);
  });

  test('text is trimmed and NFC', () => {
    const raw = cccdRecord({ fullName: `  ${'Nguyễn Thị Mai'.normalize('NFD')} ` });
    expect(ok(validateRecord(raw, 1, { today: TODAY })).record.fullName).toBe('Nguyễn Thị Mai'.normalize('NFC'));
  });

  test('every issue carries the row number', () => {
    const result = failed(validateRecord(cccdRecord({ sex: 'X', foo: 1, fullName: 'Mai 2' }), 42, { today: TODAY }));
    for (const issue of [...result.errors, ...result.warnings]) expect(issue.row).toBe(42);
  });
});

describe('collecting errors', () => {
  test('all errors of a record are reported, not the first', () => {
    const raw = {
      personalId: '12345',
      fullName: '@@@ Mai',
      dateOfBirth: '1999-02-30',
      sex: 'Nữ',
      issueDate: '2099-01-01',
      placeOfResidence: 'a|b',
      oldIdNumber: '12',
      photo: '/abs/path.jpg',
    };
    expect(errorFields(raw)).toEqual(['dateOfBirth', 'fullName', 'issueDate', 'oldIdNumber', 'personalId', 'photo', 'placeOfResidence', 'sex']);
  });

  test('the always-required fields are those of the brief', () => {
    expect([...ALWAYS_REQUIRED].sort()).toEqual(['dateOfBirth', 'fullName', 'issueDate', 'personalId', 'placeOfResidence', 'sex']);
  });

  test.each([...ALWAYS_REQUIRED])('%s is required', (field) => {
    const raw = cccdRecord({ [field]: undefined });
    const result = failed(validateRecord(raw, 1, { today: TODAY }));
    expect(result.errors).toContainEqual({ row: 1, field, message: 'is required' });
  });

  test('a field that failed the schema is not reported again as missing', () => {
    const result = failed(validateRecord(cccdRecord({ fullName: 12 }), 1, { today: TODAY }));
    expect(result.errors.filter((e) => e.field === 'fullName')).toHaveLength(1);
  });

  test('a non-object record gives one error', () => {
    expect(failed(validateRecord('x', 5, { today: TODAY })).errors).toEqual([
      { row: 5, field: 'record', message: 'must be an object of named fields, got string' },
    ]);
  });
});

describe('products', () => {
  test('placeOfOrigin is required on a 2021 card, not on a 2024 card', () => {
    expect(errorFields(cccdRecord({ placeOfOrigin: undefined }))).toEqual(['placeOfOrigin']);
    expect(ok(validateRecord(cancuocRecord({ placeOfOrigin: undefined }), 1, { today: TODAY })).product).toBe('vn-cancuoc-2024');
  });

  test('placeOfBirthRegistration is required on a 2024 card, not on a 2021 card', () => {
    expect(errorFields(cancuocRecord({ placeOfBirthRegistration: '' }))).toEqual(['placeOfBirthRegistration']);
    ok(validateRecord(cccdRecord({ placeOfBirthRegistration: undefined }), 1, { today: TODAY }));
  });

  test('the product switches on 2024-07-01', () => {
    expect(ok(validateRecord(cccdRecord({ issueDate: '2024-06-30', placeOfBirthRegistration: 'x' }), 1, { today: TODAY })).product).toBe('vn-cccd-2021');
    expect(ok(validateRecord(cccdRecord({ issueDate: '2024-07-01', placeOfBirthRegistration: 'x' }), 1, { today: TODAY })).product).toBe('vn-cancuoc-2024');
  });

  test('forcing vn-cccd-2021 on a record issued from 2024-07-01 is an error', () => {
    const result = failed(validateRecord(cccdRecord({ issueDate: '2024-07-01' }), 1, { today: TODAY, product: 'vn-cccd-2021' }));
    expect(result.errors).toEqual([{ row: 1, field: 'issueDate', message: expect.stringMatching(/vn-cccd-2021.*2024-06-30/) }]);
  });

  test('forcing vn-cancuoc-2024 on a record issued before 2024-07-01 is an error', () => {
    const raw = cancuocRecord({ issueDate: '2024-06-30' });
    const result = failed(validateRecord(raw, 1, { today: TODAY, product: 'vn-cancuoc-2024' }));
    expect(result.errors).toEqual([{ row: 1, field: 'issueDate', message: expect.stringMatching(/vn-cancuoc-2024.*2024-07-01/) }]);
  });

  test('forcing the product the date selects anyway is fine', () => {
    expect(ok(validateRecord(cancuocRecord(), 1, { today: TODAY, product: 'vn-cancuoc-2024' })).product).toBe('vn-cancuoc-2024');
  });

  test('bad options are a programming error and throw', () => {
    expect(() => validateRecord(cccdRecord(), 1, { today: '2025-02-30' })).toThrow(/today/);
    expect(() => validateRecord(cccdRecord(), 1, { today: TODAY, product: 'vn-passport' as never })).toThrow(/product/);
  });
});

describe('dates and ages', () => {
  test.each([
    ['1999/03/15', 'must be a date written YYYY-MM-DD'],
    ['15-03-1999', 'must be a date written YYYY-MM-DD'],
    ['1999-3-15', 'must be a date written YYYY-MM-DD'],
    ['1999-02-29', 'is not a real calendar date: month 02 of that year has 28 days'],
    ['1999-04-31', 'is not a real calendar date: month 04 of that year has 30 days'],
    ['1999-13-01', 'is not a real calendar date: there is no month 13'],
  ])('dateOfBirth %j: %s', (dateOfBirth, message) => {
    const result = failed(validateRecord(cccdRecord({ dateOfBirth }), 1, { today: TODAY }));
    expect(result.errors).toContainEqual({ row: 1, field: 'dateOfBirth', message: expect.stringContaining(message) });
  });

  test('an issue date today passes; tomorrow is in the future', () => {
    ok(validateRecord(cancuocRecord({ issueDate: TODAY }), 1, { today: TODAY }));
    const result = failed(validateRecord(cancuocRecord({ issueDate: '2025-07-01' }), 1, { today: TODAY }));
    expect(result.errors).toEqual([{ row: 1, field: 'issueDate', message: 'is in the future (today is 2025-06-30)' }]);
  });

  test('a birth date in the future is an error', () => {
    expect(errorFields(cancuocRecord({ dateOfBirth: '2025-07-01', personalId: makeId('2025-07-01', 'M') }))).toContain('dateOfBirth');
  });

  test('the issue date must be strictly after the birth date', () => {
    const sameDay = cancuocRecord({ dateOfBirth: '2024-08-01', personalId: makeId('2024-08-01', 'M'), photo: undefined });
    expect(failed(validateRecord(sameDay, 1, { today: TODAY })).errors).toEqual([
      { row: 1, field: 'issueDate', message: 'must be after the date of birth' },
    ]);
    ok(validateRecord({ ...sameDay, issueDate: '2024-08-02' }, 1, { today: TODAY }));
  });

  test('a 2021 card needs 14 on the issue date: the day before the 14th birthday fails, the birthday passes', () => {
    const young = { dateOfBirth: '2007-06-22', personalId: makeId('2007-06-22', 'F') };
    const result = failed(validateRecord(cccdRecord({ ...young, issueDate: '2021-06-21' }), 1, { today: TODAY }));
    expect(result.errors).toEqual([{ row: 1, field: 'dateOfBirth', message: expect.stringMatching(/is 13 .* 14 or older/) }]);
    ok(validateRecord(cccdRecord({ ...young, issueDate: '2021-06-22' }), 1, { today: TODAY }));
  });

  test('a 2024 card has no minimum age', () => {
    const baby = cancuocRecord({ dateOfBirth: '2025-01-10', personalId: makeId('2025-01-10', 'F'), sex: 'F', issueDate: '2025-01-11', photo: undefined });
    expect(ok(validateRecord(baby, 1, { today: TODAY })).expiryDate).toBe('2039-01-10');
  });
});

describe('photo', () => {
  const child = (issueDate: string, photo?: string) =>
    cancuocRecord({ dateOfBirth: '2019-03-01', personalId: makeId('2019-03-01', 'M'), issueDate, photo });

  test('a 2024 holder under 6 needs no photo; from the 6th birthday one is required', () => {
    ok(validateRecord(child('2025-02-28'), 1, { today: TODAY }));
    expect(failed(validateRecord(child('2025-03-01'), 1, { today: '2025-06-30' })).errors).toEqual([
      { row: 1, field: 'photo', message: expect.stringContaining('is required') },
    ]);
  });

  test('a photo given for an under-6 holder is kept, with a warning', () => {
    const result = ok(validateRecord(child('2025-02-28', 'kid.jpg'), 1, { today: TODAY }));
    expect(result.record.photo).toBe('kid.jpg');
    expect(result.warnings).toEqual([{ row: 1, field: 'photo', message: expect.stringContaining('under 6') }]);
  });

  test('a 2021 card always needs a photo', () => {
    expect(errorFields(cccdRecord({ photo: undefined }))).toEqual(['photo']);
  });

  test.each([
    'photos/mai.jpg',
    'mai.jpg',
    '../shared/mai.png',
    'ảnh/mai.jpg',
    'data:image/jpeg;base64,/9j/4AAQ',
    'data:image/png;base64,iVBORw0KGgo=',
  ])('%j is accepted', (photo) => {
    ok(validateRecord(cccdRecord({ photo }), 1, { today: TODAY }));
  });

  test.each([
    ['/srv/photos/mai.jpg', /relative/],
    ['\\\\server\\share\\mai.jpg', /relative/],
    ['C:\\photos\\mai.jpg', /relative/],
    ['c:/photos/mai.jpg', /relative/],
    ['http://example.org/mai.jpg', /not fetched/],
    ['file:mai.jpg', /not fetched/],
    ['data:text/plain;base64,AAAA', /base64 image/],
    ['data:image/jpeg,rawbytes', /base64 image/],
    [`${'d/'.repeat(250)}x.jpg`, /as a path is 505 characters long; the limit is 500/],
  ])('%j is refused', (photo, message) => {
    const result = failed(validateRecord(cccdRecord({ photo }), 1, { today: TODAY }));
    expect(result.errors).toEqual([{ row: 1, field: 'photo', message: expect.stringMatching(message) }]);
  });
});

describe('ID numbers and names', () => {
  test('an ID contradicting sex is an error on personalId', () => {
    expect(errorFields(cccdRecord({ sex: 'M' }))).toEqual(['personalId']);
  });

  test('an unknown province prefix is a warning only', () => {
    const result = ok(validateRecord(cccdRecord({ personalId: '003199012345' }), 1, { today: TODAY }));
    expect(result.warnings).toEqual([{ row: 1, field: 'personalId', message: expect.stringContaining('003') }]);
  });

  test('a birth registered abroad (prefix 101-295) gives no warning', () => {
    expect(ok(validateRecord(cccdRecord({ personalId: '250199012345' }), 1, { today: TODAY })).warnings).toEqual([]);
  });

  test('oldIdNumber must be 9 digits', () => {
    ok(validateRecord(cccdRecord({ oldIdNumber: '012345678' }), 1, { today: TODAY }));
    expect(errorFields(cccdRecord({ oldIdNumber: '01234567' }))).toEqual(['oldIdNumber']);
  });

  test.each(['M', 'F'])('sex %s is accepted', (sex) => {
    const raw = cccdRecord({ sex, personalId: makeId('1999-03-15', sex as 'M' | 'F') });
    expect(ok(validateRecord(raw, 1, { today: TODAY })).record.sex).toBe(sex);
  });

  test.each(['Nam', 'Nữ', 'm', 'f', 'X', 'male'])('sex %j is refused with a hint', (sex) => {
    const result = failed(validateRecord(cccdRecord({ sex }), 1, { today: TODAY }));
    expect(result.errors).toEqual([{ row: 1, field: 'sex', message: 'must be "M" or "F" (M for Nam, F for Nữ)' }]);
  });

  test.each(['@@@ Mai', '123 Mai', '阮 Mai', "' Mai"])('family name %j with no MRZ letter is an error', (fullName) => {
    const result = failed(validateRecord(cccdRecord({ fullName }), 1, { today: TODAY }));
    expect(result.errors).toEqual([{ row: 1, field: 'fullName', message: expect.stringContaining('family name') }]);
  });

  test('characters the MRZ drops elsewhere in the name give a warning', () => {
    const result = ok(validateRecord(cccdRecord({ fullName: 'Nguyễn Thị Mai 2 (阮)' }), 1, { today: TODAY }));
    expect(result.warnings).toEqual([{ row: 1, field: 'fullName', message: 'characters left out of the MRZ (no Latin transliteration): "2", "(", "阮", ")"' }]);
  });

  test.each([...QR_TEXT_FIELDS])('"|" in QR field %s is an error', (field) => {
    const result = failed(validateRecord(cccdRecord({ [field]: 'Lê | Mai' }), 1, { today: TODAY }));
    expect(result.errors).toContainEqual({ row: 1, field, message: 'contains "|", which separates the fields of the QR code' });
  });

  test('"|" outside the QR fields is allowed', () => {
    ok(validateRecord(cccdRecord({ identifyingMarks: 'sẹo | nốt ruồi' }), 1, { today: TODAY }));
  });

  test('a nationality other than Việt Nam is a warning', () => {
    const result = ok(validateRecord(cccdRecord({ nationality: 'Lào' }), 1, { today: TODAY }));
    expect(result.record.nationality).toBe('Lào');
    expect(result.warnings).toEqual([{ row: 1, field: 'nationality', message: expect.stringContaining('Việt Nam') }]);
  });

  test('error messages do not repeat the ID number, the date of birth or the name', () => {
    const raw = cccdRecord({ sex: 'M', fullName: '@@@ Mai', issueDate: '1998-01-01' });
    const result = failed(validateRecord(raw, 1, { today: TODAY }));
    expect(result.errors.length).toBeGreaterThanOrEqual(3);
    for (const e of result.errors) {
      expect(e.message).not.toContain('001199012345');
      expect(e.message).not.toContain('1999-03-15');
      expect(e.message).not.toContain('Mai');
    }
  });
});

describe('properties', () => {
  test('every generated valid record passes, with the expiry of computeExpiry', () => {
    fc.assert(
      fc.property(arbValidRecord(), ({ raw, product, today }) => {
        const result = ok(validateRecord(raw, 1, { today }));
        expect(result.product).toBe(product);
        expect(result.expiryDate).toBe(computeExpiry(product, raw.dateOfBirth!, raw.issueDate!));
      }),
      { numRuns: 1000 },
    );
  });

  test('any one required field removed makes the record fail on that field', () => {
    fc.assert(
      fc.property(arbValidRecord(), fc.constantFrom('personalId', 'fullName', 'dateOfBirth', 'sex', 'issueDate', 'placeOfResidence'), ({ raw, today }, field) => {
        const { [field]: _removed, ...rest } = raw;
        const result = failed(validateRecord(rest, 1, { today }));
        expect(result.errors.map((e) => e.field)).toContain(field);
      }),
      { numRuns: 300 },
    );
  });

  test('validation is idempotent: a clean record validates to itself', () => {
    fc.assert(
      fc.property(arbValidRecord(), ({ raw, today }) => {
        const first = ok(validateRecord(raw, 1, { today }));
        const second = ok(validateRecord(first.record, 1, { today }));
        expect(second.record).toEqual(first.record);
      }),
      { numRuns: 300 },
    );
  });
});
