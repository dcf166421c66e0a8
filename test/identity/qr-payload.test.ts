import fc from 'fast-check';
import { QR_FIELD_COUNT, QR_TEXT_FIELDS, buildQrPayload, splitQrPayload } from '../../src/identity/qr-payload';
import type { CitizenRecord } from '../../src/identity/record';
import { validateRecord } from '../../src/identity/validate';
import { arbValidRecord } from './fixtures';

const ADDRESS = 'Số 1, phố Giả Định, Hà Nội';
const MAI: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  placeOfResidence: ADDRESS,
  issueDate: '2021-06-22',
};

describe('vn-cccd-2021', () => {
  test('the REFERENCE.md example: 7 fields, empty old number', () => {
    expect(buildQrPayload(MAI, 'vn-cccd-2021')).toBe(`001199012345||Nguyễn Thị Mai|15031999|Nữ|${ADDRESS}|22062021`);
  });

  test('with an old CMND number and a male holder', () => {
    const record: CitizenRecord = { ...MAI, personalId: '001099012345', sex: 'M', oldIdNumber: '012345678' };
    expect(buildQrPayload(record, 'vn-cccd-2021')).toBe(`001099012345|012345678|Nguyễn Thị Mai|15031999|Nam|${ADDRESS}|22062021`);
  });

  test('parents are never in the 2021 payload', () => {
    const payload = buildQrPayload({ ...MAI, fatherName: 'Bố', motherName: 'Mẹ' }, 'vn-cccd-2021');
    expect(payload.split('|')).toHaveLength(7);
    expect(payload).not.toContain('Bố');
  });
});

describe('vn-cancuoc-2024', () => {
  const child: CitizenRecord = {
    personalId: '001315012345',
    fullName: 'Lê Thị Bé',
    dateOfBirth: '2015-09-01',
    sex: 'F',
    nationality: 'Việt Nam',
    placeOfResidence: ADDRESS,
    issueDate: '2024-08-01',
    fatherName: 'Lê Văn Bố',
    motherName: 'Phạm Thị Mẹ',
  };

  test('an adult gets 11 fields, the last four empty even when parents are known', () => {
    const adult = { ...MAI, issueDate: '2024-08-01', fatherName: 'Nguyễn Văn Bố', motherName: 'Lê Thị Mẹ' };
    expect(buildQrPayload(adult, 'vn-cancuoc-2024')).toBe(`001199012345||Nguyễn Thị Mai|15031999|Nữ|${ADDRESS}|01082024||||`);
  });

  test('a child under 14 gets father (8) and mother (9); 10 and 11 stay empty', () => {
    expect(buildQrPayload(child, 'vn-cancuoc-2024')).toBe(
      `001315012345||Lê Thị Bé|01092015|Nữ|${ADDRESS}|01082024|Lê Văn Bố|Phạm Thị Mẹ||`,
    );
  });

  test('the day before the 14th birthday still counts as under 14; the birthday itself does not', () => {
    const fields = (issueDate: string) => buildQrPayload({ ...child, issueDate }, 'vn-cancuoc-2024').split('|');
    expect(fields('2029-08-31').slice(7)).toEqual(['Lê Văn Bố', 'Phạm Thị Mẹ', '', '']);
    expect(fields('2029-09-01').slice(7)).toEqual(['', '', '', '']);
  });

  test('a child with one parent known gets an empty field for the other', () => {
    const { motherName: _omitted, ...fatherOnly } = child;
    expect(buildQrPayload(fatherOnly, 'vn-cancuoc-2024').split('|').slice(7)).toEqual(['Lê Văn Bố', '', '', '']);
  });
});

describe('the separator', () => {
  test.each(QR_TEXT_FIELDS)('a "|" in %s is refused, naming the field', (field) => {
    const record = { ...MAI, fatherName: 'x', motherName: 'y', oldIdNumber: '012345678', [field]: 'a|b' } as CitizenRecord;
    expect(() => buildQrPayload(record, 'vn-cancuoc-2024')).toThrow(new RegExp(`^${field} contains "\\|"`));
  });

  test('splitQrPayload checks the field count per product', () => {
    expect(splitQrPayload('1|2|3|4|5|6|7', 'vn-cccd-2021')).toHaveLength(7);
    expect(() => splitQrPayload('1|2|3|4|5|6|7', 'vn-cancuoc-2024')).toThrow(/11 fields, this one has 7/);
    expect(QR_FIELD_COUNT).toEqual({ 'vn-cccd-2021': 7, 'vn-cancuoc-2024': 11 });
  });
});

test('for every valid record the payload splits back into its fields (property)', () => {
  fc.assert(
    fc.property(arbValidRecord(), ({ raw, today }) => {
      const result = validateRecord(raw, 1, { today });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const { record, product } = result;
      const fields = splitQrPayload(buildQrPayload(record, product), product);
      const [y, m, d] = record.dateOfBirth.split('-');
      expect(fields[0]).toBe(record.personalId);
      expect(fields[2]).toBe(record.fullName);
      expect(fields[3]).toBe(`${d}${m}${y}`);
      expect(fields[4]).toBe(record.sex === 'M' ? 'Nam' : 'Nữ');
      expect(fields[5]).toBe(record.placeOfResidence);
      expect(fields[6]).toBe(record.issueDate.split('-').reverse().join(''));
    }),
    { numRuns: 300 },
  );
});
