/**
 * Place material for synthetic addresses: per province (the 63 pre-2025 codes of provinces.ts) a population
 * weight, its provincial city and two rural districts; the five centrally-run cities get real urban
 * districts and wards. Ward, commune, village and street names come from lists of names that occur all over
 * Vietnam (Phường Quang Trung, Xã Tân Lập, Ấp 3, đường Lê Lợi), chosen by region, so addresses read true
 * without pointing at anyone's house.
 */
import { PROVINCES } from '../provinces';
import { weightedPicker, type Rng, type WeightedPicker } from './rng';

/** Broad regions: they decide the style of village and commune names. */
export type Region = 'north' | 'mountain' | 'central' | 'highlands' | 'south';

/** A district-level unit and the ward/commune-level units used inside it. */
interface District {
  /** With its level word: "Quận Hai Bà Trưng", "Huyện Thọ Xuân", "Thành phố Vinh". */
  readonly name: string;
  /** With their level word: "Phường Bến Nghé", "Xã Cổ Loa". Empty: take the region's generic list. */
  readonly units: readonly string[];
  readonly urban: boolean;
}

/** One province's place data. */
export interface ProvincePlaces {
  readonly code: string;
  /** With its level word: "Tỉnh Thanh Hóa", "Thành phố Hà Nội". */
  readonly fullName: string;
  /** Population in tens of thousands (2019 census, rounded): the weight for picking where people live. */
  readonly weight: number;
  readonly region: Region;
  readonly districts: readonly District[];
  /** {@link districts} split by kind, precomputed: addresses are drawn millions of times. */
  readonly urbanDistricts: readonly District[];
  readonly ruralDistricts: readonly District[];
  /** Street names for urban addresses, and the word before them ("đường", or "phố" in Hà Nội). */
  readonly streets: readonly string[];
  readonly streetWord: string;
}

/** [code, population in 10,000s, provincial city, two rural districts]. */
const PROVINCE_TABLE: ReadonlyArray<readonly [string, number, string, readonly [string, string]]> = [
  ['002', 85, 'Hà Giang', ['Đồng Văn', 'Mèo Vạc']],
  ['004', 53, 'Cao Bằng', ['Trùng Khánh', 'Hòa An']],
  ['006', 31, 'Bắc Kạn', ['Ba Bể', 'Chợ Đồn']],
  ['008', 78, 'Tuyên Quang', ['Sơn Dương', 'Chiêm Hóa']],
  ['010', 73, 'Lào Cai', ['Bát Xát', 'Bắc Hà']],
  ['011', 60, 'Điện Biên Phủ', ['Mường Chà', 'Tuần Giáo']],
  ['012', 46, 'Lai Châu', ['Tam Đường', 'Phong Thổ']],
  ['014', 125, 'Sơn La', ['Mộc Châu', 'Thuận Châu']],
  ['015', 82, 'Yên Bái', ['Mù Cang Chải', 'Văn Chấn']],
  ['017', 85, 'Hòa Bình', ['Mai Châu', 'Lạc Sơn']],
  ['019', 129, 'Thái Nguyên', ['Đại Từ', 'Phú Lương']],
  ['020', 78, 'Lạng Sơn', ['Cao Lộc', 'Văn Lãng']],
  ['022', 132, 'Hạ Long', ['Tiên Yên', 'Vân Đồn']],
  ['024', 180, 'Bắc Giang', ['Lục Nam', 'Yên Thế']],
  ['025', 146, 'Việt Trì', ['Lâm Thao', 'Thanh Sơn']],
  ['026', 115, 'Vĩnh Yên', ['Tam Đảo', 'Lập Thạch']],
  ['027', 137, 'Bắc Ninh', ['Tiên Du', 'Gia Bình']],
  ['030', 189, 'Hải Dương', ['Gia Lộc', 'Cẩm Giàng']],
  ['033', 125, 'Hưng Yên', ['Văn Giang', 'Khoái Châu']],
  ['034', 186, 'Thái Bình', ['Kiến Xương', 'Vũ Thư']],
  ['035', 85, 'Phủ Lý', ['Bình Lục', 'Thanh Liêm']],
  ['036', 178, 'Nam Định', ['Hải Hậu', 'Giao Thủy']],
  ['037', 98, 'Ninh Bình', ['Gia Viễn', 'Yên Khánh']],
  ['038', 364, 'Thanh Hóa', ['Thọ Xuân', 'Hoằng Hóa']],
  ['040', 333, 'Vinh', ['Nam Đàn', 'Diễn Châu']],
  ['042', 129, 'Hà Tĩnh', ['Can Lộc', 'Đức Thọ']],
  ['044', 90, 'Đồng Hới', ['Bố Trạch', 'Lệ Thủy']],
  ['045', 63, 'Đông Hà', ['Gio Linh', 'Hải Lăng']],
  ['046', 113, 'Huế', ['Phú Vang', 'Phong Điền']],
  ['049', 150, 'Tam Kỳ', ['Duy Xuyên', 'Thăng Bình']],
  ['051', 123, 'Quảng Ngãi', ['Bình Sơn', 'Tư Nghĩa']],
  ['052', 149, 'Quy Nhơn', ['Tuy Phước', 'Phù Cát']],
  ['054', 87, 'Tuy Hòa', ['Tuy An', 'Sơn Hòa']],
  ['056', 123, 'Nha Trang', ['Diên Khánh', 'Vạn Ninh']],
  ['058', 59, 'Phan Rang - Tháp Chàm', ['Ninh Hải', 'Ninh Phước']],
  ['060', 123, 'Phan Thiết', ['Hàm Thuận Bắc', 'Tuy Phong']],
  ['062', 54, 'Kon Tum', ['Đắk Hà', 'Sa Thầy']],
  ['064', 151, 'Pleiku', ['Chư Sê', 'Đak Đoa']],
  ['066', 187, 'Buôn Ma Thuột', ['Krông Pắc', "Cư M'gar"]],
  ['067', 62, 'Gia Nghĩa', ['Krông Nô', 'Đắk Mil']],
  ['068', 130, 'Đà Lạt', ['Đức Trọng', 'Lâm Hà']],
  ['070', 99, 'Đồng Xoài', ['Bù Đăng', 'Lộc Ninh']],
  ['072', 117, 'Tây Ninh', ['Gò Dầu', 'Châu Thành']],
  ['074', 246, 'Thủ Dầu Một', ['Phú Giáo', 'Dầu Tiếng']],
  ['075', 310, 'Biên Hòa', ['Long Thành', 'Trảng Bom']],
  ['077', 115, 'Vũng Tàu', ['Long Điền', 'Xuyên Mộc']],
  ['080', 169, 'Tân An', ['Đức Hòa', 'Cần Giuộc']],
  ['082', 176, 'Mỹ Tho', ['Cái Bè', 'Chợ Gạo']],
  ['083', 129, 'Bến Tre', ['Mỏ Cày Nam', 'Ba Tri']],
  ['084', 101, 'Trà Vinh', ['Cầu Kè', 'Tiểu Cần']],
  ['086', 102, 'Vĩnh Long', ['Long Hồ', 'Tam Bình']],
  ['087', 160, 'Cao Lãnh', ['Tháp Mười', 'Lai Vung']],
  ['089', 191, 'Long Xuyên', ['Chợ Mới', 'Thoại Sơn']],
  ['091', 172, 'Rạch Giá', ['Hòn Đất', 'Giồng Riềng']],
  ['093', 73, 'Vị Thanh', ['Phụng Hiệp', 'Châu Thành A']],
  ['094', 120, 'Sóc Trăng', ['Mỹ Xuyên', 'Kế Sách']],
  ['095', 91, 'Bạc Liêu', ['Hồng Dân', 'Phước Long']],
  ['096', 119, 'Cà Mau', ['Năm Căn', 'Trần Văn Thời']],
];

/** The five centrally-run cities, with real districts and wards. */
const CITY_TABLE: ReadonlyArray<{
  code: string;
  weight: number;
  streetWord: string;
  streets: readonly string[];
  urban: ReadonlyArray<readonly [string, readonly string[]]>;
  rural: ReadonlyArray<readonly [string, readonly string[]]>;
}> = [
  {
    code: '001',
    weight: 805,
    streetWord: 'phố',
    streets: [
      'Huế', 'Hàng Bông', 'Bà Triệu', 'Chùa Bộc', 'Trần Duy Hưng', 'Kim Mã', 'Đội Cấn', 'Thái Hà', 'Xuân Thủy',
      'Lò Đúc',
    ],
    urban: [
      ['Quận Hoàn Kiếm', ['Phường Hàng Bạc', 'Phường Hàng Trống', 'Phường Tràng Tiền', 'Phường Phan Chu Trinh']],
      ['Quận Ba Đình', ['Phường Điện Biên', 'Phường Kim Mã', 'Phường Ngọc Hà', 'Phường Liễu Giai']],
      ['Quận Đống Đa', ['Phường Văn Miếu', 'Phường Kim Liên', 'Phường Láng Hạ', 'Phường Ô Chợ Dừa']],
      ['Quận Cầu Giấy', ['Phường Dịch Vọng', 'Phường Nghĩa Đô', 'Phường Quan Hoa', 'Phường Yên Hòa']],
      ['Quận Hai Bà Trưng', ['Phường Phạm Đình Hổ', 'Phường Bạch Mai', 'Phường Minh Khai', 'Phường Thanh Nhàn']],
    ],
    rural: [
      ['Huyện Đông Anh', ['Xã Uy Nỗ', 'Xã Cổ Loa', 'Xã Vân Nội']],
      ['Huyện Gia Lâm', ['Xã Bát Tràng', 'Xã Kim Lan', 'Xã Đa Tốn']],
      ['Huyện Sóc Sơn', ['Xã Phù Linh', 'Xã Tiên Dược']],
    ],
  },
  {
    code: '031',
    weight: 203,
    streetWord: 'đường',
    streets: ['Lạch Tray', 'Tô Hiệu', 'Lê Lợi', 'Cầu Đất', 'Trần Nguyên Hãn', 'Văn Cao'],
    urban: [
      ['Quận Lê Chân', ['Phường An Biên', 'Phường Trại Cau', 'Phường Dư Hàng']],
      ['Quận Ngô Quyền', ['Phường Máy Tơ', 'Phường Lạch Tray', 'Phường Cầu Đất']],
    ],
    rural: [
      ['Huyện Thủy Nguyên', ['Xã Lập Lễ', 'Xã Tam Hưng']],
      ['Huyện An Lão', ['Xã An Thắng', 'Xã Quốc Tuấn']],
    ],
  },
  {
    code: '048',
    weight: 113,
    streetWord: 'đường',
    streets: ['Lê Duẩn', 'Nguyễn Văn Linh', 'Hùng Vương', 'Điện Biên Phủ', 'Ông Ích Khiêm', 'Ngô Quyền'],
    urban: [
      ['Quận Hải Châu', ['Phường Thạch Thang', 'Phường Hải Châu I', 'Phường Phước Ninh']],
      ['Quận Thanh Khê', ['Phường Chính Gián', 'Phường Thạc Gián', 'Phường An Khê']],
      ['Quận Sơn Trà', ['Phường An Hải Bắc', 'Phường Mân Thái']],
    ],
    rural: [['Huyện Hòa Vang', ['Xã Hòa Phong', 'Xã Hòa Tiến', 'Xã Hòa Nhơn']]],
  },
  {
    code: '079',
    weight: 899,
    streetWord: 'đường',
    streets: [
      'Nguyễn Huệ', 'Lê Lợi', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Cách Mạng Tháng Tám', 'Nguyễn Văn Trỗi',
      'Phan Đăng Lưu', 'Quang Trung', 'Nguyễn Oanh', 'Cộng Hòa',
    ],
    urban: [
      ['Quận 1', ['Phường Bến Nghé', 'Phường Bến Thành', 'Phường Đa Kao', 'Phường Tân Định']],
      ['Quận 3', ['Phường Võ Thị Sáu', 'Phường 4', 'Phường 11', 'Phường 14']],
      ['Quận Bình Thạnh', ['Phường 1', 'Phường 12', 'Phường 25', 'Phường 26']],
      ['Quận Gò Vấp', ['Phường 5', 'Phường 10', 'Phường 17']],
      ['Quận Tân Bình', ['Phường 2', 'Phường 4', 'Phường 13']],
    ],
    rural: [
      ['Huyện Củ Chi', ['Xã Tân Thông Hội', 'Xã Phước Vĩnh An', 'Xã Trung Lập Thượng']],
      ['Huyện Bình Chánh', ['Xã Vĩnh Lộc A', 'Xã Bình Hưng', 'Xã Tân Kiên']],
    ],
  },
  {
    code: '092',
    weight: 124,
    streetWord: 'đường',
    streets: ['Ba Tháng Hai', 'Nguyễn Văn Cừ', 'Trần Hưng Đạo', 'Mậu Thân', 'Hòa Bình'],
    urban: [
      ['Quận Ninh Kiều', ['Phường Tân An', 'Phường An Hòa', 'Phường Xuân Khánh']],
      ['Quận Bình Thủy', ['Phường Bình Thủy', 'Phường Long Hòa']],
    ],
    rural: [
      ['Huyện Phong Điền', ['Xã Nhơn Ái', 'Xã Mỹ Khánh']],
      ['Huyện Cờ Đỏ', ['Xã Thới Hưng', 'Xã Trung An']],
    ],
  },
];

const GENERIC_STREETS = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Trãi', 'Hai Bà Trưng', 'Quang Trung', 'Lý Thường Kiệt', 'Nguyễn Huệ', 'Lê Duẩn',
  'Phan Chu Trinh', 'Hùng Vương', 'Nguyễn Du', 'Điện Biên Phủ', 'Võ Thị Sáu', 'Trần Phú', 'Bà Triệu', 'Lê Hồng Phong',
  'Ngô Quyền', 'Nguyễn Thị Minh Khai',
] as const;

const WARDS: Readonly<Record<Region, readonly string[]>> = {
  north: [
    'Phường Quang Trung', 'Phường Trần Hưng Đạo', 'Phường Lê Lợi', 'Phường Hoàng Văn Thụ', 'Phường Nguyễn Trãi',
    'Phường Đông Thành', 'Phường Minh Khai',
  ],
  mountain: [
    'Phường Tân Thịnh', 'Phường Hoàng Văn Thụ', 'Phường Quyết Thắng', 'Phường Chiềng Lề', 'Phường Đồng Tiến',
    'Phường Nguyễn Trãi',
  ],
  central: [
    'Phường Lê Lợi', 'Phường Trần Phú', 'Phường Quang Trung', 'Phường Hưng Bình', 'Phường Phú Hội',
    'Phường Nguyễn Văn Cừ',
  ],
  highlands: ['Phường Tân Lợi', 'Phường Thắng Lợi', 'Phường Ia Kring', 'Phường Thống Nhất', 'Phường Tự An'],
  south: [
    'Phường 1', 'Phường 2', 'Phường 3', 'Phường 4', 'Phường 5', 'Phường 7', 'Phường 8', 'Phường An Hòa',
    'Phường Tân An',
  ],
};

const COMMUNES: Readonly<Record<Region, readonly string[]>> = {
  north: [
    'Xã Tân Lập', 'Xã Quang Trung', 'Xã Đồng Tâm', 'Xã Hợp Thành', 'Xã Thanh Sơn', 'Xã Minh Khai', 'Xã Đông Phong',
    'Xã Yên Lạc', 'Xã Xuân Lâm', 'Xã Nghĩa Hưng', 'Xã Hồng Phong',
  ],
  mountain: [
    'Xã Tân Lập', 'Xã Phú Lũng', 'Xã Nà Khoang', 'Xã Mường Lói', 'Xã Sủng Trà', 'Xã Thanh Sơn', 'Xã Bản Phố',
    'Xã Nậm Có',
  ],
  central: [
    'Xã Hòa Bình', 'Xã Phú Lộc', 'Xã Nghĩa Thắng', 'Xã Đức Thạnh', 'Xã Tam Hiệp', 'Xã Bình Minh', 'Xã Xuân Lộc',
    'Xã An Nhơn',
  ],
  highlands: ['Xã Ia Blang', 'Xã Ea Tu', 'Xã Đắk Ơ', 'Xã Hòa Thắng', 'Xã Ia Pết', 'Xã Ea Kao', 'Xã Tân Hà'],
  south: [
    'Xã Tân Hòa', 'Xã Long Thạnh', 'Xã Phú An', 'Xã An Bình', 'Xã Mỹ Hòa', 'Xã Vĩnh Thạnh', 'Xã Tân Phú',
    'Xã Bình Thành', 'Xã Long Hựu', 'Xã Thạnh Lợi',
  ],
};

const VILLAGES: Readonly<Record<Region, readonly string[]>> = {
  north: [
    'Thôn Đông', 'Thôn Trung', 'Thôn Đoài', 'Thôn Thượng', 'Thôn Hạ', 'Thôn 3', 'Xóm 5', 'Xóm Đình',
    'Thôn Tiền Phong',
  ],
  mountain: ['Bản Phố', 'Bản Mường', 'Bản Na Hu', 'Bản Lướt', 'Thôn Nà Pồng', 'Bản Pa Cheo', 'Thôn Sủng Pờ'],
  central: ['Thôn 1', 'Thôn 4', 'Thôn Phú Xuân', 'Thôn An Lạc', 'Thôn Tây', 'Xóm Bắc'],
  highlands: ['Buôn Ale', 'Buôn Ea Sim', 'Làng Kép', 'Làng Plei Ố', 'Thôn 6', 'Thôn Tân Lập'],
  south: ['Ấp Tân Hòa', 'Ấp 3', 'Ấp Phú Lợi', 'Ấp Mỹ Phước', 'Ấp Bình Thạnh', 'Ấp Long Hòa', 'Ấp 1'],
};

const MOUNTAIN = new Set(['002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '020']);

function regionOf(code: string): Region {
  const n = Number(code);
  if (MOUNTAIN.has(code)) return 'mountain';
  if (n <= 37) return 'north';
  if (n <= 60) return 'central';
  if (n <= 68) return 'highlands';
  return 'south';
}

const NAME_BY_CODE = new Map(PROVINCES.map((p) => [p.code, p.name]));

function provinceFullName(code: string): string {
  const name = NAME_BY_CODE.get(code);
  if (name === undefined) throw new Error(`places.ts: ${code} is not in the province table`);
  if (code === '079') return 'Thành phố Hồ Chí Minh';
  return CITY_TABLE.some((c) => c.code === code) ? `Thành phố ${name}` : `Tỉnh ${name}`;
}

function withSplit(p: Omit<ProvincePlaces, 'urbanDistricts' | 'ruralDistricts'>): ProvincePlaces {
  return {
    ...p,
    urbanDistricts: p.districts.filter((d) => d.urban),
    ruralDistricts: p.districts.filter((d) => !d.urban),
  };
}

function build(): ReadonlyMap<string, ProvincePlaces> {
  const map = new Map<string, ProvincePlaces>();
  for (const [code, weight, city, rural] of PROVINCE_TABLE) {
    map.set(code, withSplit({
      code,
      fullName: provinceFullName(code),
      weight,
      region: regionOf(code),
      districts: [
        { name: `Thành phố ${city}`, units: [], urban: true },
        ...rural.map((d) => ({ name: `Huyện ${d}`, units: [], urban: false })),
      ],
      streets: GENERIC_STREETS,
      streetWord: 'đường',
    }));
  }
  for (const c of CITY_TABLE) {
    map.set(c.code, withSplit({
      code: c.code,
      fullName: provinceFullName(c.code),
      weight: c.weight,
      region: regionOf(c.code),
      districts: [
        ...c.urban.map(([name, units]) => ({ name, units, urban: true })),
        ...c.rural.map(([name, units]) => ({ name, units, urban: false })),
      ],
      streets: c.streets,
      streetWord: c.streetWord,
    }));
  }
  return map;
}

/** Place data by province code, for all 63 codes of the province table. */
export const PROVINCE_PLACES: ReadonlyMap<string, ProvincePlaces> = build();

/** Province codes weighted by population: where a random person was born or lives. */
export const BY_POPULATION: WeightedPicker<string> = weightedPicker(
  [...PROVINCE_PLACES.values()].map((p) => [p.code, p.weight] as const),
);

/** The place data of `code`; throws for a code outside the table (a bug in the generator's own tables). */
export function provincePlaces(code: string): ProvincePlaces {
  const places = PROVINCE_PLACES.get(code);
  if (places === undefined) throw new Error(`no place data for province code ${code}`);
  return places;
}

/** A ward or commune, its district and province, comma-separated, each with its level word. */
export interface Locality {
  unit: string;
  district: string;
  province: string;
  urban: boolean;
  region: Region;
}

/**
 * A locality in province `code`. `urbanShare` is the chance of a city district (more people live in the
 * countryside; the big cities are mostly urban, which the caller expresses through this share).
 */
export function pickLocality(rng: Rng, code: string, urbanShare: number): Locality {
  const p = provincePlaces(code);
  const wantUrban = rng.chance(p.code === '001' || p.code === '079' ? Math.max(urbanShare, 0.8) : urbanShare);
  const pool = wantUrban ? p.urbanDistricts : p.ruralDistricts;
  const district = rng.pick(pool.length > 0 ? pool : p.districts);
  const units = district.units.length > 0 ? district.units : district.urban ? WARDS[p.region] : COMMUNES[p.region];
  return {
    unit: rng.pick(units),
    district: district.name,
    province: p.fullName,
    urban: district.urban,
    region: p.region,
  };
}

/** "Xã Cổ Loa, Huyện Đông Anh, Thành phố Hà Nội". */
export function formatLocality(l: Locality): string {
  return `${l.unit}, ${l.district}, ${l.province}`;
}

/**
 * A street address (urban) or village address (rural) in the locality, e.g.
 * "Số 25 đường Lê Lợi, Phường 3, Thành phố Mỹ Tho, Tỉnh Tiền Giang" or
 * "Thôn Đông, Xã Xuân Lâm, Huyện Thọ Xuân, Tỉnh Thanh Hóa".
 */
export function formatHomeAddress(rng: Rng, l: Locality, code: string): string {
  if (!l.urban) return `${rng.pick(VILLAGES[l.region])}, ${formatLocality(l)}`;
  const p = provincePlaces(code);
  const street = `${p.streetWord} ${rng.pick(p.streets)}`;
  const roll = rng.next();
  let house: string;
  if (roll < 0.6) house = `Số ${rng.int(1, 250)} ${street}`;
  else if (roll < 0.8) house = `Số ${rng.int(1, 120)}/${rng.int(1, 40)} ${street}`;
  else if (roll < 0.92) house = `Số ${rng.int(1, 60)}, ngõ ${rng.int(2, 200)} ${street}`;
  else house = `Tổ ${rng.int(1, 30)}`;
  return `${house}, ${formatLocality(l)}`;
}
