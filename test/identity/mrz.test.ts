import fc from 'fast-check';
import { MRZ_NO_EXPIRY, buildMrz, buildMrzLines, checkMrz, mrzNameField } from '../../src/identity/mrz';
import type { CitizenRecord } from '../../src/identity/record';
import { validateRecord } from '../../src/identity/validate';
import { arbValidRecord } from './fixtures';

const SPECIMEN: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  issueDate: '2021-06-22',
};
const ICAO_SPECIMEN = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

/** 7-3-1 over a string, written out again here so the composite check does not trust the code under test. */
function oracleCheck(s: string): string {
  const v = (c: string) => (c === '<' ? 0 : '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(c));
  return String([...s].reduce((sum, c, i) => sum + v(c) * [7, 3, 1][i % 3]!, 0) % 10);
}
/** 1-based inclusive slice, as Doc 9303 numbers positions. */
const pos = (line: string, from: number, to: number) => line.slice(from - 1, to);

describe('buildMrz', () => {
  test('reproduces the Vietnamese specimen of REFERENCE.md exactly', () => {
    expect(buildMrz(SPECIMEN, 'vn-cccd-2021')).toEqual([
      'IDVNM1990123456001199012345<<7',
      '9903159F2403155VNM<<<<<<<<<<<0',
      'NGUYEN<<THI<MAI<<<<<<<<<<<<<<<',
    ]);
  });

  test('a card without expiry carries 991231 with its check digit 5', () => {
    const lines = buildMrz({ ...SPECIMEN, personalId: '001160012345', dateOfBirth: '1960-01-01' }, 'vn-cccd-2021');
    // 600101: 6*7 + 0 + 0 + 1*7 + 0 + 1*1 = 50 -> 0
    expect(lines[1].slice(0, 29)).toBe(`6001010F${MRZ_NO_EXPIRY}5VNM<<<<<<<<<<<`);
    const l1 = lines[0];
    const l2 = lines[1];
    expect(l2[29]).toBe(oracleCheck(pos(l1, 6, 30) + pos(l2, 1, 7) + pos(l2, 9, 15) + pos(l2, 19, 29)));
    expect(checkMrz(lines).valid).toBe(true);
  });

  test('male holder, 2024 product: the expiry follows the 2023 law', () => {
    const record: CitizenRecord = {
      ...SPECIMEN,
      personalId: '079215000042',
      fullName: 'Lê Văn An',
      dateOfBirth: '2015-08-20',
      sex: 'M',
      issueDate: '2024-08-01',
    };
    const [l1, l2, l3] = buildMrz(record, 'vn-cancuoc-2024');
    expect(l1).toBe(`IDVNM215000042${oracleCheck('215000042')}079215000042<<${oracleCheck('079215000042')}`);
    expect(l2.slice(0, 18)).toBe(`150820${oracleCheck('150820')}M290820${oracleCheck('290820')}VNM`);
    expect(l3).toBe('LE<<VAN<AN' + '<'.repeat(20));
  });

  test('rejects an ID that is not 12 digits', () => {
    expect(() => buildMrz({ ...SPECIMEN, personalId: '00119901234' }, 'vn-cccd-2021')).toThrow(/12 digits/);
    expect(() => buildMrzLines('001199012345', '1999/03/15', 'F', null, 'Mai')).toThrow(/dateOfBirth/);
  });
});

describe('mrzNameField', () => {
  test.each([
    ['Nguyễn Thị Mai', 'NGUYEN<<THI<MAI'],
    ['Mai', 'MAI'], // primary identifier only
    ['  Đỗ   Văn  Đức ', 'DO<<VAN<DUC'],
    ['Tôn-Nữ Thị Ninh', 'TON<NU<<THI<NINH'], // a hyphenated family name has two components
    ["Nguyễn Thị O'Hara", 'NGUYEN<<THI<OHARA'],
  ])('%j -> %s (not truncated)', (name, expected) => {
    const result = mrzNameField(name);
    expect(result).toEqual({ field: expected.padEnd(30, '<'), truncated: false });
  });

  test('a name of exactly 30 characters is not truncated', () => {
    // NGUYEN<<TRAN<PHUONG<HOANG<NGOC: 8 + 4 + 7 + 6 + 5 = 30
    expect(mrzNameField('Nguyễn Trần Phương Hoàng Ngọc')).toEqual({ field: 'NGUYEN<<TRAN<PHUONG<HOANG<NGOC', truncated: false });
    // One letter more and the last component loses it.
    expect(mrzNameField('Nguyễn Trần Phương Hoàng Ngọcc')).toEqual({ field: 'NGUYEN<<TRAN<PHUONG<HOANG<NGOC', truncated: true });
  });

  test('secondary identifiers are shortened from the last one, each down to one letter', () => {
    // NGUYEN<<TRAN<PHUONG<HOANG<BAO<NGOC<ANH is 38: 8 too many.
    // ANH -> A (2), NGOC -> N (3), BAO -> B (2), HOANG -> HOAN (1).
    expect(mrzNameField('Nguyễn Trần Phương Hoàng Bảo Ngọc Anh')).toEqual({
      field: 'NGUYEN<<TRAN<PHUONG<HOAN<B<N<A',
      truncated: true,
    });
  });

  test('the primary identifier is shortened only once every secondary one is an initial', () => {
    const family = 'Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'; // 39 letters
    expect(mrzNameField(`${family} Thị Mai`)).toEqual({ field: `${'B'.repeat(25)}<<T<M`, truncated: true });
  });

  test('a family name longer than the field with no given names is cut to 30', () => {
    expect(mrzNameField('A'.repeat(45))).toEqual({ field: 'A'.repeat(30), truncated: true });
  });

  test('when even initials do not fit, trailing given names are dropped', () => {
    // NGUYEN + 15 given names: initials give N<<A<A...<A (1 + 2 + 29 = 32), so the 15th goes.
    const name = `Nguyễn ${Array.from({ length: 15 }, () => 'An').join(' ')}`;
    expect(mrzNameField(name)).toEqual({ field: `N<<${Array.from({ length: 14 }, () => 'A').join('<')}`, truncated: true });
  });

  test('a family name with no MRZ letter is an error', () => {
    expect(() => mrzNameField('123 Mai')).toThrow(/family name/);
    expect(() => mrzNameField('')).toThrow(/family name/);
    expect(() => mrzNameField('阮 Mai')).toThrow(/family name/);
  });

  test('other widths are honoured', () => {
    expect(mrzNameField('Nguyễn Thị Mai', 39).field).toBe('NGUYEN<<THI<MAI'.padEnd(39, '<'));
    // 15 characters into 10: MAI -> M, THI -> T, then the primary NGUYEN -> NGUYE.
    expect(mrzNameField('Nguyễn Thị Mai', 10)).toEqual({ field: 'NGUYE<<T<M', truncated: true });
  });

  const arbWord = fc.string({ unit: fc.constantFrom(...'abcdeđơưăâêôyz'), minLength: 1, maxLength: 15 });
  const arbName = fc.array(arbWord, { minLength: 1, maxLength: 20 }).map((w) => w.join(' '));

  test('the field is always 30 characters; a truncated field ends in a letter unless given names were dropped (property)', () => {
    fc.assert(
      fc.property(arbName, (name) => {
        const { field, truncated } = mrzNameField(name);
        expect(field).toMatch(/^[A-Z][A-Z<]{29}$/);
        const words = name.split(' ').length;
        if (truncated && words <= 15) expect(field[29]).not.toBe('<');
        // Nothing is lost when the untruncated text fits.
        if (!truncated) expect(field.replace(/<+$/, '')).toMatch(/^[A-Z]+(<<[A-Z]+(<[A-Z]+)*)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  test('every component keeps at least its first letter while there are at most 15 words (property)', () => {
    fc.assert(
      fc.property(arbName, (name) => {
        const words = name.split(' ');
        fc.pre(words.length <= 15);
        const { field } = mrzNameField(name);
        const [primary, secondary = ''] = field.replace(/<+$/, '').split('<<');
        const parts = [primary!, ...secondary.split('<').filter((p) => p !== '')];
        expect(parts).toHaveLength(words.length);
        parts.forEach((part, i) => {
          const full = words[i]!.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toUpperCase();
          expect(full.startsWith(part)).toBe(true);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checkMrz', () => {
  test('the ICAO TD1 specimen verifies', () => {
    const result = checkMrz(ICAO_SPECIMEN);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.fields).toMatchObject({
      documentCode: 'I<',
      issuingState: 'UTO',
      documentNumber: 'D23145890',
      dateOfBirth: '740812',
      sex: 'F',
      dateOfExpiry: '120415',
      nationality: 'UTO',
      primaryIdentifier: 'ERIKSSON',
      secondaryIdentifiers: ['ANNA', 'MARIA'],
    });
  });

  test.each([
    [0, 14, 'document number', 'line 1 position 15'],
    [1, 6, 'date of birth', 'line 2 position 7'],
    [1, 14, 'date of expiry', 'line 2 position 15'],
    [1, 29, 'composite', 'line 2 position 30'],
  ])('a wrong check digit at line %i index %i (%s) is named', (line, index, what, where) => {
    const lines = [...ICAO_SPECIMEN];
    const digit = lines[line]![index]!;
    lines[line] = lines[line]!.slice(0, index) + String((Number(digit) + 1) % 10) + lines[line]!.slice(index + 1);
    const result = checkMrz(lines);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain(where);
    expect(result.errors.join('\n')).toContain(what);
  });

  test('the Vietnamese specimen verifies, including the check over the 12-digit ID', () => {
    const lines = buildMrz(SPECIMEN, 'vn-cccd-2021');
    expect(checkMrz(lines)).toMatchObject({ valid: true, errors: [] });
    const bad = [lines[0].slice(0, 29) + '8', lines[1], lines[2]];
    const result = checkMrz(bad);
    expect(result.errors.some((e) => e.includes('line 1 position 30') && e.includes('personal ID'))).toBe(true);
  });

  test('Vietnamese layout rules', () => {
    const [l1, l2, l3] = buildMrz(SPECIMEN, 'vn-cccd-2021');
    // Document number not the last 9 digits of the ID (check digits recomputed so only the layout is wrong).
    const other = '199012346';
    const l1b = `IDVNM${other}${oracleCheck(other)}001199012345<<7`;
    const l2b = l2.slice(0, 29) + oracleCheck(pos(l1b, 6, 30) + pos(l2, 1, 7) + pos(l2, 9, 15) + pos(l2, 19, 29));
    expect(checkMrz([l1b, l2b, l3]).errors).toEqual(['line 1 positions 6-14: the document number is not the last 9 digits of the personal ID']);
    // Optional data that is not ID + <<
    const l1c = l1.slice(0, 27) + 'X<' + l1[29];
    const l2c = l2.slice(0, 29) + oracleCheck(pos(l1c, 6, 30) + pos(l2, 1, 7) + pos(l2, 9, 15) + pos(l2, 19, 29));
    expect(checkMrz([l1c, l2c, l3]).errors).toContain('line 1 positions 16-29: expected the 12-digit personal ID followed by <<');
  });

  test.each([
    [[], /3 lines, got 0/],
    [['a', 'b'], /3 lines, got 2/],
    [[ICAO_SPECIMEN[0]!.slice(1), ICAO_SPECIMEN[1], ICAO_SPECIMEN[2]], /line 1: expected 30 characters, got 29/],
    [[ICAO_SPECIMEN[0], ICAO_SPECIMEN[1]!.toLowerCase(), ICAO_SPECIMEN[2]], /line 2: only A-Z, 0-9 and </],
    [[ICAO_SPECIMEN[0], ICAO_SPECIMEN[1], 'ERIKSSON<<ANNA<MAR1A<<<<<<<<<<'], /line 3: a name field holds no digits/],
    [[ICAO_SPECIMEN[0], ICAO_SPECIMEN[1], '<'.repeat(30)], /primary identifier is empty/],
  ] as [string[], RegExp][])('malformed input is reported: %#', (lines, message) => {
    const result = checkMrz(lines);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(message);
  });

  test('for every valid record: 3 x 30 characters of [A-Z0-9<], every check digit verifies (property)', () => {
    fc.assert(
      fc.property(arbValidRecord(), ({ raw, today }) => {
        const result = validateRecord(raw, 1, { today });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const lines = buildMrz(result.record, result.product);
        for (const line of lines) expect(line).toMatch(/^[A-Z0-9<]{30}$/);
        expect(checkMrz(lines)).toMatchObject({ valid: true, errors: [] });
        const l1 = lines[0];
        const l2 = lines[1];
        expect(l2[29]).toBe(oracleCheck(pos(l1, 6, 30) + pos(l2, 1, 7) + pos(l2, 9, 15) + pos(l2, 19, 29)));
        expect(pos(l1, 16, 27)).toBe(result.record.personalId);
        expect(pos(l2, 9, 14)).toBe(result.expiryDate === null ? '991231' : result.expiryDate.replace(/-/g, '').slice(2));
      }),
      { numRuns: 500 },
    );
  });

  test('changing any single digit of lines 1-2 is detected (property)', () => {
    fc.assert(
      fc.property(arbValidRecord(), fc.nat(), fc.integer({ min: 1, max: 9 }), ({ raw, today }, at, delta) => {
        const result = validateRecord(raw, 1, { today });
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        const lines = buildMrz(result.record, result.product);
        const text = lines[0] + lines[1];
        const digitPositions = [...text].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
        const i = digitPositions[at % digitPositions.length]!;
        const mutated = text.slice(0, i) + String((Number(text[i]) + delta) % 10) + text.slice(i + 1);
        expect(checkMrz([mutated.slice(0, 30), mutated.slice(30), lines[2]]).valid).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
