/**
 * Synthetic test data for the identity tests: made-up people, generators for fast-check. Dates are built with
 * `Date.UTC` (UTC only, so no time-zone trap) to stay independent of the calendar module under test.
 */
import fc from 'fast-check';

/** ISO date of a UTC day number (days since 1970-01-01), via Date: an oracle independent of calendar.ts. */
export function isoOfEpochDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** UTC day number (days since 1970-01-01) of an ISO date, via Date. */
export function epochDayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return Math.round(date.getTime() / 86_400_000);
}

/** Century/sex digit straight from REFERENCE.md section 2's list (not from the formula the code uses). */
export const CENTURY_SEX_DIGIT: Record<number, { M: number; F: number }> = {
  19: { M: 0, F: 1 },
  20: { M: 2, F: 3 },
  21: { M: 4, F: 5 },
  22: { M: 6, F: 7 },
  23: { M: 8, F: 9 },
};

/** A 12-digit ID for the given birth date and sex, province and serial. */
export function makeId(dateOfBirth: string, sex: 'M' | 'F', province = '001', serial = '012345'): string {
  const year = Number(dateOfBirth.slice(0, 4));
  const g = CENTURY_SEX_DIGIT[Math.floor(year / 100)]![sex];
  return `${province}${g}${dateOfBirth.slice(2, 4)}${serial}`;
}

/** A valid 2021 raw record (issued 2021-06-22), the REFERENCE.md specimen person. */
export function cccdRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personalId: '001199012345',
    fullName: 'Nguyễn Thị Mai',
    dateOfBirth: '1999-03-15',
    sex: 'F',
    ethnicity: 'Kinh',
    religion: 'Không',
    placeOfOrigin: 'Xã Phú Lương, Hà Đông, Hà Nội',
    placeOfResidence: 'Số 1, phố Giả Định, phường Mẫu, quận Thử, Hà Nội',
    identifyingMarks: 'Nốt ruồi cách 2cm dưới mép phải',
    issueDate: '2021-06-22',
    photo: 'photos/mai.jpg',
    ...overrides,
  };
}

/** A valid 2024 raw record (issued 2024-08-01) for an adult. */
export function cancuocRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personalId: '079088001234',
    fullName: 'Trần Văn Hùng',
    dateOfBirth: '1988-11-02',
    sex: 'M',
    placeOfBirthRegistration: 'Phường Bến Nghé, Quận 1, TP Hồ Chí Minh',
    placeOfResidence: 'Số 9, đường Mẫu, phường Thử, TP Hồ Chí Minh',
    issueDate: '2024-08-01',
    photo: 'photos/hung.jpg',
    ...overrides,
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const GIVEN = ['Thị', 'Văn', 'Mai', 'Hùng', 'Ngọc', 'Ánh', 'Phương', 'Đức', 'Thắng', 'Hương', 'Quỳnh', 'Tuấn', 'Bảo', 'Yến', 'Khoa', 'Thủy', 'Ượng', 'Ỹ'];
const PROVINCE_CODES = ['001', '031', '048', '079', '092', '096', '101', '295'];

/** A Vietnamese-looking synthetic full name of 2-8 words (some long enough to need MRZ truncation). */
export const arbFullName = fc
  .tuple(fc.constantFrom(...FAMILY), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 7 }))
  .map(([family, given]) => [family, ...given].join(' '));

/** A product and a valid raw record for it, issued on or before `today`. */
export function arbValidRecord(today = '2025-06-30') {
  const todayDay = epochDayOf(today);
  const cancuocStart = epochDayOf('2024-07-01');
  const cccdStart = epochDayOf('2021-01-01');
  return fc
    .record({
      issueDay: fc.integer({ min: cccdStart, max: todayDay }),
      ageDays: fc.integer({ min: 1, max: 100 * 366 }),
      sex: fc.constantFrom<'M' | 'F'>('M', 'F'),
      province: fc.constantFrom(...PROVINCE_CODES),
      serial: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
      fullName: arbFullName,
      withPhoto: fc.boolean(),
    })
    .map((r) => {
      const issueDate = isoOfEpochDay(r.issueDay);
      let birthDay = r.issueDay - r.ageDays;
      // A 2021 card needs 14 or older: push the birth back 15 years (plenty) when too young.
      if (r.issueDay < cancuocStart && r.ageDays < 15 * 366) birthDay -= 15 * 366;
      const dateOfBirth = isoOfEpochDay(birthDay);
      const product = r.issueDay < cancuocStart ? 'vn-cccd-2021' : 'vn-cancuoc-2024';
      const raw: Record<string, string> = {
        personalId: makeId(dateOfBirth, r.sex, r.province, r.serial),
        fullName: r.fullName,
        dateOfBirth,
        sex: r.sex,
        issueDate,
        placeOfResidence: 'Số 1, đường Giả Định, Hà Nội',
        placeOfOrigin: 'Hà Nội',
        placeOfBirthRegistration: 'Hà Nội',
        fatherName: 'Nguyễn Văn Bố',
        motherName: 'Lê Thị Mẹ',
        photo: 'p.jpg',
      };
      // Photos are required except for young Căn cước holders; drop them only where that is allowed.
      if (!r.withPhoto && product === 'vn-cancuoc-2024' && r.ageDays < 5 * 365) delete raw.photo;
      return { product: product as 'vn-cccd-2021' | 'vn-cancuoc-2024', raw, today };
    });
}
