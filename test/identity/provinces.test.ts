import { PROVINCES, isAbroadRegistrationCode, isProvinceCode, provinceName } from '../../src/identity/provinces';

// The codes of REFERENCE.md section 2, typed from the table.
const CODES = `001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037
038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083
084 086 087 089 091 092 093 094 095 096`.split(/\s+/);

describe('PROVINCES', () => {
  test('has exactly the 63 codes of the table, in order, without duplicates', () => {
    expect(CODES).toHaveLength(63);
    expect(PROVINCES.map((p) => p.code)).toEqual(CODES);
  });

  test('every name is NFC and non-empty', () => {
    for (const p of PROVINCES) {
      expect(p.name.length).toBeGreaterThan(1);
      expect(p.name).toBe(p.name.normalize('NFC'));
    }
  });

  test.each([
    ['001', 'Hà Nội'],
    ['011', 'Điện Biên'],
    ['017', 'Hoà Bình'], // the table's spelling, accent on the a
    ['038', 'Thanh Hóa'],
    ['046', 'Thừa Thiên Huế'],
    ['056', 'Khánh Hòa'],
    ['066', 'Đắk Lắk'],
    ['077', 'Bà Rịa - Vũng Tàu'],
    ['079', 'TP Hồ Chí Minh'],
    ['096', 'Cà Mau'],
  ])('%s is %s', (code, name) => {
    expect(provinceName(code)).toBe(name.normalize('NFC'));
    expect(isProvinceCode(code)).toBe(true);
  });

  test.each(['000', '003', '005', '097', '100', '1', '01', '0010', 'abc'])('%j is not a province', (code) => {
    expect(provinceName(code)).toBeUndefined();
    expect(isProvinceCode(code)).toBe(false);
  });
});

describe('isAbroadRegistrationCode', () => {
  test.each([
    ['100', false],
    ['101', true],
    ['200', true],
    ['295', true],
    ['296', false],
    ['001', false],
    ['999', false],
    ['10a', false],
    ['1010', false],
  ])('%s -> %s', (code, abroad) => expect(isAbroadRegistrationCode(code)).toBe(abroad));
});
