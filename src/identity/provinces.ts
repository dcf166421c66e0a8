/**
 * Province codes that open a 12-digit personal ID number: where the birth was registered. The table is the
 * pre-2025 one of the Ministry of Public Security circular (63 provinces, before the 2025 mergers); the
 * mergers did not change existing numbers, so the old codes stay the key. Names are spelled exactly as in that table (note the older accent
 * placement of "Hoà Bình" next to "Thanh Hóa" and "Khánh Hòa").
 */

/** One province of the table. */
export interface Province {
  /** Three digits, zero-padded. */
  readonly code: string;
  /** Name in Vietnamese, NFC. */
  readonly name: string;
}

/** The 63 provinces, in code order. */
export const PROVINCES: readonly Province[] = Object.freeze(
  (
    [
      ['001', 'Hà Nội'],
      ['002', 'Hà Giang'],
      ['004', 'Cao Bằng'],
      ['006', 'Bắc Kạn'],
      ['008', 'Tuyên Quang'],
      ['010', 'Lào Cai'],
      ['011', 'Điện Biên'],
      ['012', 'Lai Châu'],
      ['014', 'Sơn La'],
      ['015', 'Yên Bái'],
      ['017', 'Hoà Bình'],
      ['019', 'Thái Nguyên'],
      ['020', 'Lạng Sơn'],
      ['022', 'Quảng Ninh'],
      ['024', 'Bắc Giang'],
      ['025', 'Phú Thọ'],
      ['026', 'Vĩnh Phúc'],
      ['027', 'Bắc Ninh'],
      ['030', 'Hải Dương'],
      ['031', 'Hải Phòng'],
      ['033', 'Hưng Yên'],
      ['034', 'Thái Bình'],
      ['035', 'Hà Nam'],
      ['036', 'Nam Định'],
      ['037', 'Ninh Bình'],
      ['038', 'Thanh Hóa'],
      ['040', 'Nghệ An'],
      ['042', 'Hà Tĩnh'],
      ['044', 'Quảng Bình'],
      ['045', 'Quảng Trị'],
      ['046', 'Thừa Thiên Huế'],
      ['048', 'Đà Nẵng'],
      ['049', 'Quảng Nam'],
      ['051', 'Quảng Ngãi'],
      ['052', 'Bình Định'],
      ['054', 'Phú Yên'],
      ['056', 'Khánh Hòa'],
      ['058', 'Ninh Thuận'],
      ['060', 'Bình Thuận'],
      ['062', 'Kon Tum'],
      ['064', 'Gia Lai'],
      ['066', 'Đắk Lắk'],
      ['067', 'Đắk Nông'],
      ['068', 'Lâm Đồng'],
      ['070', 'Bình Phước'],
      ['072', 'Tây Ninh'],
      ['074', 'Bình Dương'],
      ['075', 'Đồng Nai'],
      ['077', 'Bà Rịa - Vũng Tàu'],
      ['079', 'TP Hồ Chí Minh'],
      ['080', 'Long An'],
      ['082', 'Tiền Giang'],
      ['083', 'Bến Tre'],
      ['084', 'Trà Vinh'],
      ['086', 'Vĩnh Long'],
      ['087', 'Đồng Tháp'],
      ['089', 'An Giang'],
      ['091', 'Kiên Giang'],
      ['092', 'Cần Thơ'],
      ['093', 'Hậu Giang'],
      ['094', 'Sóc Trăng'],
      ['095', 'Bạc Liêu'],
      ['096', 'Cà Mau'],
    ] as const
  ).map(([code, name]) => Object.freeze({ code, name: name.normalize('NFC') })),
);

const BY_CODE: ReadonlyMap<string, string> = new Map(PROVINCES.map((p) => [p.code, p.name]));

/** The province name for a three-digit code, or undefined when the code is not in the table. */
export function provinceName(code: string): string | undefined {
  return BY_CODE.get(code);
}

/** True when `code` is one of the 63 province codes. */
export function isProvinceCode(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * True when `code` (three digits) lies in 101-295, the range used for births registered abroad (a country
 * code rather than a province).
 */
export function isAbroadRegistrationCode(code: string): boolean {
  if (!/^\d{3}$/.test(code)) return false;
  const n = Number(code);
  return n >= 101 && n <= 295;
}
