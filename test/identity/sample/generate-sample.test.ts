import fc from 'fast-check';
import { generateSampleRecords, sampleRecords } from '../../../src/identity/sample';
import { validateRecord } from '../../../src/identity/validate';
import { PROVINCES } from '../../../src/identity/provinces';
import { RECORD_FIELDS, type CitizenRecord } from '../../../src/identity/record';
import type { ProductId } from '../../../src/identity/products';

const TODAY = '2025-06-01';

/** Age in completed years, by comparing (month, day) — written here, independent of calendar.ts. */
function age(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  // A 29 February birthday counts on 28 February in a non-leap year (the project's rule).
  const leap = (yy: number) => (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0;
  const bDay = bm === 2 && bd === 29 && !leap(y) ? 28 : bd;
  return y - by - (m < bm || (m === bm && d < bDay) ? 1 : 0);
}

/** The photo rule (DESIGN/brief): only Căn cước holders under 6 on issue go without one. */
function withPhotoIfNeeded(r: CitizenRecord): CitizenRecord {
  const noPhoto = r.issueDate >= '2024-07-01' && age(r.dateOfBirth, r.issueDate) < 6;
  return noPhoto ? r : { ...r, photo: 'photos/portrait.jpg' };
}

const productArb = fc.constantFrom<ProductId | undefined>(undefined, 'vn-cccd-2021', 'vn-cancuoc-2024');
const todayArb = fc
  .date({ min: new Date('2024-07-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('generateSampleRecords', () => {
  it('makes records that pass validateRecord (photo attached where the law wants one), without warnings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), productArb, todayArb, (seed, product, today) => {
        const records = sampleRecords({ count: 40, seed, today, ...(product ? { product } : {}) });
        records.forEach((r, k) => {
          const result = validateRecord(withPhotoIfNeeded(r), k + 1, { today, ...(product ? { product } : {}) });
          expect(result).toMatchObject({ ok: true, warnings: [] });
          if (product !== undefined && result.ok) expect(result.product).toBe(product);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic for a seed, and a shorter run is a prefix of a longer one', () => {
    const a = sampleRecords({ count: 300, seed: 'same', today: TODAY });
    expect(sampleRecords({ count: 300, seed: 'same', today: TODAY })).toEqual(a);
    expect(sampleRecords({ count: 120, seed: 'same', today: TODAY })).toEqual(a.slice(0, 120));
    const b = sampleRecords({ count: 300, seed: 'other', today: TODAY });
    expect(b.filter((r, k) => r.personalId === a[k]?.personalId).length).toBeLessThan(3);
  });

  it('is lazy: iterating twice restarts, and taking the first few of a huge count is instant', () => {
    const iterable = generateSampleRecords({ count: 5_000_000, seed: 7, today: TODAY });
    const firstTwo = (): string[] => {
      const ids: string[] = [];
      for (const r of iterable) {
        ids.push(r.personalId);
        if (ids.length === 2) break;
      }
      return ids;
    };
    expect(firstTwo()).toEqual(firstTwo());
  });

  it('gives ID numbers consistent with the date of birth, the sex and a province code, all distinct', () => {
    const codes = new Set(PROVINCES.map((p) => p.code));
    const records = sampleRecords({ count: 10000, seed: 'ids', today: TODAY });
    // Collect violations and assert once: per-record expect() calls make this test slow.
    const bad = records.filter((r) => {
      const g = Number(r.personalId[3]);
      // REFERENCE.md section 2: birth year = (19 + floor(G / 2)) * 100 + YY; G odd = female.
      const year = (19 + Math.floor(g / 2)) * 100 + Number(r.personalId.slice(4, 6));
      return (
        !/^\d{12}$/.test(r.personalId) ||
        !codes.has(r.personalId.slice(0, 3)) ||
        year !== Number(r.dateOfBirth.slice(0, 4)) ||
        (g % 2 === 1 ? 'F' : 'M') !== r.sex
      );
    });
    expect(bad).toEqual([]);
    expect(new Set(records.map((r) => r.personalId)).size).toBe(records.length);
  });

  it('keeps issue dates inside each product window and the 2021 card for holders of 14 or more', () => {
    const cccd = sampleRecords({ count: 3000, seed: 'w1', today: TODAY, product: 'vn-cccd-2021' });
    const badCccd = cccd.filter(
      (r) =>
        r.issueDate < '2021-01-01' ||
        r.issueDate > '2024-06-30' ||
        age(r.dateOfBirth, r.issueDate) < 14 ||
        r.placeOfOrigin === undefined,
    );
    expect(badCccd).toEqual([]);
    const cancuoc = sampleRecords({ count: 3000, seed: 'w2', today: TODAY, product: 'vn-cancuoc-2024' });
    const badCancuoc = cancuoc.filter(
      (r) =>
        r.issueDate < '2024-07-01' ||
        r.issueDate > TODAY ||
        r.dateOfBirth >= r.issueDate ||
        r.placeOfBirthRegistration === undefined ||
        r.identifyingMarks !== undefined,
    );
    expect(badCancuoc).toEqual([]);
    const ages = cancuoc.map((r) => age(r.dateOfBirth, r.issueDate));
    expect(ages.filter((a) => a < 6).length).toBeGreaterThan(100);
    expect(ages.filter((a) => a >= 6 && a < 14).length).toBeGreaterThan(150);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(80);
  });

  it('mixes both products when none is named, and only the 2021 one before 2024-07-01', () => {
    const mixed = sampleRecords({ count: 1000, seed: 'mix', today: TODAY });
    const after = mixed.filter((r) => r.issueDate >= '2024-07-01').length;
    expect(after).toBeGreaterThan(400);
    expect(after).toBeLessThan(600);
    const early = sampleRecords({ count: 500, seed: 'mix', today: '2023-03-01' });
    expect(early.every((r) => r.issueDate >= '2021-01-01' && r.issueDate <= '2023-03-01')).toBe(true);
  });

  it('looks like the Vietnamese population', () => {
    const records = sampleRecords({ count: 10000, seed: 'census', today: TODAY });
    const share = (pred: (r: CitizenRecord) => boolean) => records.filter(pred).length / records.length;
    const family = (r: CitizenRecord) => r.fullName.split(' ')[0];
    expect(share((r) => family(r) === 'Nguyễn')).toBeGreaterThan(0.28);
    expect(share((r) => family(r) === 'Nguyễn')).toBeLessThan(0.4);
    for (const name of ['Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']) {
      expect(records.some((r) => family(r) === name)).toBe(true);
    }
    expect(share((r) => r.ethnicity === 'Kinh')).toBeGreaterThan(0.8);
    expect(share((r) => r.ethnicity === 'Kinh')).toBeLessThan(0.9);
    for (const e of ['Tày', 'Thái', 'Mường', 'Khmer', 'Hoa', 'Nùng', "H'Mông"]) expect(records.some((r) => r.ethnicity === e)).toBe(true);
    expect(share((r) => r.religion === 'Không')).toBeGreaterThan(0.7);
    for (const rel of ['Phật giáo', 'Công giáo']) expect(records.some((r) => r.religion === rel)).toBe(true);
    // Middle names: Văn for men and Thị for women are the most common.
    expect(share((r) => r.sex === 'M' && r.fullName.split(' ')[1] === 'Văn')).toBeGreaterThan(0.1);
    expect(share((r) => r.sex === 'F' && r.fullName.split(' ')[1] === 'Thị')).toBeGreaterThan(0.1);
    expect(share((r) => r.sex === 'M')).toBeCloseTo(0.5, 1);
    expect(share((r) => r.oldIdNumber !== undefined)).toBeGreaterThan(0.1);
    expect(records.every((r) => r.oldIdNumber === undefined || (/^\d{9}$/.test(r.oldIdNumber) && r.dateOfBirth < '1995'))).toBe(true);
    expect(share((r) => r.spouseName !== undefined)).toBeGreaterThan(0.2);
    expect(records.every((r) => r.spouseName === undefined || age(r.dateOfBirth, r.issueDate) >= 18)).toBe(true);
    expect(share((r) => r.fatherName !== undefined && r.motherName !== undefined)).toBeGreaterThan(0.85);
    const marks = records.filter((r) => r.identifyingMarks !== undefined);
    expect(marks.length).toBeGreaterThan(3000);
    const markPattern =
      /^(Nốt ruồi|Sẹo chấm|Sẹo|Vết bớt) C:\d(,5)?cm (trên|dưới) (trước|sau) [a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ ]+ (trái|phải)$/;
    expect(marks.filter((r) => !markPattern.test(r.identifyingMarks as string))).toEqual([]);
  });

  it('registers most births in the province the ID number starts with, and writes addresses in full', () => {
    const nameOf = new Map(PROVINCES.map((p) => [p.code, p.code === '079' ? 'Thành phố Hồ Chí Minh' : p.name]));
    const records = sampleRecords({ count: 5000, seed: 'places', today: TODAY });
    const matching = records.filter((r) => r.placeOfBirthRegistration?.endsWith(nameOf.get(r.personalId.slice(0, 3)) as string));
    expect(matching.length / records.length).toBeGreaterThan(0.9);
    expect(matching.length / records.length).toBeLessThan(1);
    // ward/commune, district, province — each with its administrative level word
    const locality = /^(Phường|Xã) [^,]+, (Quận|Huyện|Thành phố) [^,]+, (Tỉnh|Thành phố) [^,]+$/;
    const home = /^[^,]+(, [^,]+)?, (Phường|Xã) [^,]+, (Quận|Huyện|Thành phố) [^,]+, (Tỉnh|Thành phố) [^,]+$/;
    const bad = records.filter(
      (r) =>
        !locality.test(r.placeOfOrigin ?? '') ||
        !locality.test(r.placeOfBirthRegistration ?? '') ||
        !home.test(r.placeOfResidence ?? ''),
    );
    expect(bad).toEqual([]);
    expect(records.some((r) => /^Số \d+/.test(r.placeOfResidence ?? ''))).toBe(true);
    expect(records.some((r) => /^(Thôn|Xóm|Ấp|Bản|Buôn|Làng) /.test(r.placeOfResidence ?? ''))).toBe(true);
  });

  it('writes NFC text with Vietnamese diacritics, keys in contract order, and no photo', () => {
    const records = sampleRecords({ count: 2000, seed: 'text', today: TODAY });
    const bad = records.filter((r) => {
      const order = Object.keys(r).map((k) => RECORD_FIELDS.indexOf(k as (typeof RECORD_FIELDS)[number]));
      return (
        Object.values(r).some((v) => v !== (v as string).normalize('NFC')) ||
        order.some((o, k) => o === -1 || (k > 0 && o < (order[k - 1] as number))) ||
        r.photo !== undefined ||
        r.nationality !== 'Việt Nam' ||
        r.fullName.split(' ').length < 2
      );
    });
    expect(bad).toEqual([]);
    expect(records.some((r) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(r.fullName))).toBe(true);
  });

  it.each([
    [{ count: -1 }, /count must be a non-negative integer/],
    [{ count: 1.5 }, /count must be a non-negative integer/],
    [{ today: '2025-02-30' }, /today must be a real calendar date/],
    [{ product: 'vn-cmnd-1999' }, /not a known product/],
    [{ product: 'vn-cancuoc-2024', today: '2024-06-30' }, /no vn-cancuoc-2024 card can be issued by 2024-06-30/],
    [{ today: '2020-12-31' }, /no card can be issued by 2020-12-31/],
  ])('throws a RangeError at once for bad options %p', (bad, message) => {
    const opts = { count: 1, seed: 1, today: TODAY, ...bad } as Parameters<typeof generateSampleRecords>[0];
    expect(() => generateSampleRecords(opts)).toThrow(message);
    expect(() => generateSampleRecords(opts)).toThrow(RangeError);
  });

  it('returns nothing for count 0', () => {
    expect(sampleRecords({ count: 0, seed: 'x', today: TODAY })).toEqual([]);
  });
});
