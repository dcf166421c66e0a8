/**
 * Name material for synthetic Vietnamese people. Frequencies of Kinh family names follow published
 * surveys (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %, Phạm 7 %, ...); the lists are short on purpose: enough
 * variety for realistic test files, no real person's full name intended.
 */
import { weightedPicker, type Rng } from './rng';

/** Ethnic groups the generator uses, with their share of the population in percent (2019 census, rounded). */
export const ETHNICITIES: ReadonlyArray<readonly [string, number]> = [
  ['Kinh', 85.3],
  ['Tày', 1.9],
  ['Thái', 1.8],
  ['Mường', 1.5],
  ["H'Mông", 1.5],
  ['Khmer', 1.3],
  ['Nùng', 1.1],
  ['Dao', 0.9],
  ['Hoa', 0.8],
  ['Gia Rai', 0.5],
  ['Chăm', 0.2],
];

const KINH_FAMILY: ReadonlyArray<readonly [string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 3],
  ['Huỳnh', 2.1],
  ['Phan', 4.5],
  ['Vũ', 2.2],
  ['Võ', 1.7],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đinh', 0.6],
  ['Trịnh', 0.5],
  ['Đoàn', 0.5],
  ['Trương', 0.5],
  ['Lương', 0.4],
  ['Mai', 0.4],
  ['Cao', 0.4],
  ['Lâm', 0.3],
  ['Tô', 0.2],
  ['Hà', 0.3],
  ['Chu', 0.2],
  ['Tạ', 0.2],
  ['Kiều', 0.1],
  ['Văn', 0.1],
  ['Thái', 0.1],
];

const KINH_FAMILY_PICKER = weightedPicker(KINH_FAMILY);

/** Family names by ethnic group; groups not listed use the Kinh table. */
const FAMILY_BY_ETHNICITY: Readonly<Record<string, readonly string[]>> = {
  Tày: ['Hoàng', 'Nông', 'Lục', 'Đinh', 'Hà', 'Ma', 'Triệu', 'Lương', 'Vi', 'Bế', 'Lý'],
  Thái: ['Lò', 'Lường', 'Cầm', 'Quàng', 'Vi', 'Lộc', 'Hà', 'Điêu', 'Tòng'],
  Mường: ['Bùi', 'Đinh', 'Quách', 'Hà', 'Xa', 'Cao'],
  "H'Mông": ['Giàng', 'Sùng', 'Thào', 'Vàng', 'Lầu', 'Mùa', 'Hạng', 'Lý', 'Cứ'],
  Khmer: ['Thạch', 'Danh', 'Sơn', 'Kim', 'Lâm', 'Châu', 'Huỳnh', 'Lý'],
  Nùng: ['Hoàng', 'Nông', 'Lương', 'Vi', 'Lăng', 'Mã', 'Lý', 'Chu'],
  Dao: ['Triệu', 'Bàn', 'Đặng', 'Lý', 'Phùng', 'Chảo'],
  Hoa: ['Lý', 'Trương', 'Lâm', 'Quách', 'Hứa', 'Mã', 'Tăng', 'La', 'Diệp'],
  'Gia Rai': ['Ksor', 'Siu', 'Nay', 'Kpă', 'Rơ Mah', 'Rah Lan', 'Puih'],
  Chăm: ['Thập', 'Đàng', 'Quảng', 'Lưu', 'Thiên', 'Bá', 'Phú', 'Trượng'],
};

const MALE_MIDDLE_OLD: ReadonlyArray<readonly [string, number]> = [
  ['Văn', 60],
  ['Hữu', 8],
  ['Đức', 8],
  ['Minh', 6],
  ['Quốc', 5],
  ['Thanh', 5],
  ['Công', 4],
  ['Xuân', 4],
  ['Ngọc', 3],
  ['Đình', 5],
];
const MALE_MIDDLE_NEW: ReadonlyArray<readonly [string, number]> = [
  ['Văn', 18],
  ['Minh', 14],
  ['Đức', 10],
  ['Gia', 8],
  ['Quốc', 8],
  ['Hoàng', 7],
  ['Anh', 6],
  ['Bảo', 6],
  ['Thành', 6],
  ['Hữu', 5],
  ['Duy', 5],
  ['Tuấn', 4],
  ['Trung', 3],
];
const FEMALE_MIDDLE_OLD: ReadonlyArray<readonly [string, number]> = [
  ['Thị', 75],
  ['Ngọc', 6],
  ['Thanh', 5],
  ['Thu', 4],
  ['Kim', 4],
  ['Minh', 3],
  ['Hồng', 3],
];
const FEMALE_MIDDLE_NEW: ReadonlyArray<readonly [string, number]> = [
  ['Thị', 25],
  ['Ngọc', 12],
  ['Thanh', 8],
  ['Thu', 8],
  ['Phương', 7],
  ['Bảo', 7],
  ['Khánh', 7],
  ['Minh', 6],
  ['Mai', 5],
  ['Thùy', 5],
  ['Diệu', 4],
  ['Hà', 4],
];

const MALE_GIVEN = [
  'Anh', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hải', 'Hùng', 'Huy', 'Khánh', 'Long', 'Minh', 'Nam', 'Phong', 'Quang',
  'Sơn', 'Thắng', 'Thành', 'Trung', 'Tuấn', 'Việt', 'Hiếu', 'Hoàng', 'Kiên', 'Lâm', 'Lộc', 'Nghĩa', 'Phúc', 'Tài',
  'Toàn', 'Vinh', 'Đạt', 'Khoa', 'Quân', 'Tùng', 'Thịnh', 'Hưng', 'Trí', 'Bảo', 'Khôi', 'Nhân',
] as const;
const FEMALE_GIVEN = [
  'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Loan', 'Mai', 'My', 'Nga',
  'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Trang', 'Tuyết', 'Vân', 'Yến', 'Thủy', 'Hiền', 'Huyền',
  'Liên', 'Nhi', 'Ánh', 'Ngọc', 'Thư', 'Trâm', 'Uyên', 'Vy', 'Hồng', 'Lệ', 'Xuân', 'Diễm',
] as const;

/** Ethnic groups whose given names the generator draws from their own lists. */
/** Given and middle names of a group with its own naming tradition. */
interface OwnNames {
  male: readonly string[];
  female: readonly string[];
  maleMiddle: readonly string[];
  femaleMiddle: readonly string[];
}

const OWN_GIVEN: Readonly<Record<string, OwnNames>> = {
  "H'Mông": {
    male: ['Páo', 'Chứ', 'Dơ', 'Sử', 'Chư', 'Lử', 'Cở', 'Phềnh', 'Tủa', 'Súa'],
    female: ['Mỷ', 'Dua', 'Sợ', 'Chá', 'Pà', 'Dở', 'Mai', 'Ly', 'Say'],
    maleMiddle: ['A', 'Seo', 'Mí', 'Văn'],
    femaleMiddle: ['Thị'],
  },
  Khmer: {
    male: ['Sô Phol', 'Rây', 'Sơn', 'Chanh Đa', 'Sa Rinh', 'Thươl', 'Ni', 'Sóc'],
    female: ['Sa Ri', 'Sóc Kha', 'Sơ Ny', 'Chanh Thu', 'Srây', 'Mai', 'Sô Phe', 'Ly Na'],
    maleMiddle: [''],
    femaleMiddle: ['Thị'],
  },
  'Gia Rai': {
    male: ['Thuk', 'Blik', 'Dơk', 'Hyun', 'Nhưl', 'Jơn', 'Kơk'],
    female: ["H'Nhi", "H'Bla", "H'Jum", "H'Lan", "H'Yăm", "H'Ngơn"],
    maleMiddle: [''],
    femaleMiddle: [''],
  },
};

/** Picks a family name for a member of `ethnicity`. */
export function familyName(rng: Rng, ethnicity: string): string {
  const own = FAMILY_BY_ETHNICITY[ethnicity];
  return own === undefined ? KINH_FAMILY_PICKER.pick(rng) : rng.pick(own);
}

/**
 * A full name, family name first: family, one or two middle names, given name. Younger people get Văn/Thị
 * less often, as naming fashion changed (born 1990 or later counts as "new").
 */
export function fullName(
  rng: Rng,
  sex: 'M' | 'F',
  birthYear: number,
  ethnicity: string,
  family = familyName(rng, ethnicity),
): string {
  const own = OWN_GIVEN[ethnicity];
  if (own !== undefined) {
    const middle = rng.pick(sex === 'M' ? own.maleMiddle : own.femaleMiddle);
    const given = rng.pick(sex === 'M' ? own.male : own.female);
    return [family, middle, given].filter((part) => part !== '').join(' ');
  }
  const modern = birthYear >= 1990;
  const middles =
    sex === 'M' ? (modern ? MALE_MIDDLE_NEW : MALE_MIDDLE_OLD) : modern ? FEMALE_MIDDLE_NEW : FEMALE_MIDDLE_OLD;
  const parts = [family, rng.weighted(middles)];
  // Some names carry a second middle name ("Nguyễn Thị Thu Hà", "Trần Văn Minh Đức").
  if (rng.chance(modern ? 0.25 : 0.12)) {
    const second = rng.weighted(sex === 'M' ? MALE_MIDDLE_NEW : FEMALE_MIDDLE_NEW);
    if (second !== parts[1] && second !== 'Văn' && second !== 'Thị') parts.push(second);
  }
  const givenNames = sex === 'M' ? MALE_GIVEN : FEMALE_GIVEN;
  let given: string = rng.pick(givenNames);
  // "Nguyễn Minh Minh" is not a name: draw again (a few times; the lists are long enough).
  for (let tries = 0; tries < 5 && parts.includes(given); tries++) given = rng.pick(givenNames);
  parts.push(given);
  return parts.join(' ');
}
