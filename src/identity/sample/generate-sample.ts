/**
 * Synthetic, realistic citizen records for demos, tests and benchmarks. Pure and deterministic: the same
 * options give the same records on every machine (own seeded generator, no `Math.random`, no clock), and
 * the first k records of a run of n are the records of a run of k.
 *
 * Every record is meant to pass `validateRecord` once a photo is attached: the generator leaves `photo`
 * out, since drawing a portrait is the templates' job (and a Căn cước holder under 6 has none).
 */
import type { CitizenRecord } from '../record';
import { CANCUOC_FIRST_ISSUE_DATE, isProductId, type ProductId } from '../products';
import {
  addYears,
  ageOn,
  compareDates,
  formatIsoDate,
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
  type CalendarDate,
} from '../calendar';
import { expectedCenturySexDigit } from '../id-number';
import { createRng, weightedPicker, type Rng } from './rng';
import { ETHNICITIES, familyName, fullName } from './names';
import { BY_POPULATION, formatHomeAddress, formatLocality, pickLocality, type Region } from './places';
import { identifyingMark } from './marks';
import { SERIAL_SPACE, createSerialPermutation } from './serial-permutation';

/** What to generate. */
export interface SampleOptions {
  /** Number of records (a non-negative integer). ID numbers are unique up to 1,000,000 records. */
  count: number;
  /** Any string or number; the same seed gives the same records. */
  seed: string | number;
  /** Only records for this product; by default a mix of both (by issue date), as far as `today` allows. */
  product?: ProductId;
  /** Today, YYYY-MM-DD: no generated date is later. */
  today: string;
}

/** First issue day of the 2021 chip CCCD in generated data (Circular 06/2021 took effect in 2021). */
const CCCD_2021_FIRST_DAY = '2021-01-01';
const CCCD_2021_LAST_DAY = '2024-06-30';

/** [min age, max age, weight] on the issue date: a rough population pyramid of applicants per product. */
const AGE_BUCKETS: Readonly<Record<ProductId, ReadonlyArray<readonly [number, number, number]>>> = {
  // The 2014 law issued cards from 14.
  'vn-cccd-2021': [
    [14, 17, 6],
    [18, 29, 22],
    [30, 44, 28],
    [45, 59, 24],
    [60, 90, 20],
  ],
  // The 2023 law: any age on request, obligatory from 14, no photo under 6.
  'vn-cancuoc-2024': [
    [0, 5, 8],
    [6, 13, 12],
    [14, 17, 10],
    [18, 29, 20],
    [30, 44, 20],
    [45, 59, 17],
    [60, 90, 13],
  ],
};

/** {@link AGE_BUCKETS} as weighted choices, built once. */
const AGE_CHOICES: Readonly<Record<ProductId, ReadonlyArray<readonly [readonly [number, number], number]>>> = {
  'vn-cccd-2021': AGE_BUCKETS['vn-cccd-2021'].map(([lo, hi, w]) => [[lo, hi], w] as const),
  'vn-cancuoc-2024': AGE_BUCKETS['vn-cancuoc-2024'].map(([lo, hi, w]) => [[lo, hi], w] as const),
};

/** Where members of each minority mostly have their birth registered: [province code, weight]. */
const HOME_PROVINCES: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  Tày: [['004', 3], ['020', 3], ['006', 2], ['008', 2], ['002', 2], ['019', 1], ['010', 1], ['015', 1]],
  Thái: [['014', 5], ['011', 2], ['040', 2], ['038', 1], ['012', 1], ['015', 1], ['017', 1]],
  Mường: [['017', 5], ['038', 3], ['025', 1], ['014', 1], ['037', 1]],
  "H'Mông": [['002', 3], ['010', 2], ['011', 2], ['014', 2], ['012', 1], ['015', 1]],
  Khmer: [['094', 4], ['084', 3], ['091', 2], ['089', 1], ['095', 1], ['096', 1]],
  Nùng: [['020', 4], ['004', 3], ['024', 1], ['002', 1], ['019', 1], ['066', 1]],
  Dao: [['002', 2], ['010', 2], ['015', 2], ['008', 1], ['022', 1], ['006', 1]],
  Hoa: [['079', 6], ['075', 1], ['091', 1], ['094', 1], ['095', 1]],
  'Gia Rai': [['064', 5], ['062', 1]],
  Chăm: [['058', 3], ['060', 2], ['089', 1]],
};

/** Where people who moved away from their birth province live now. */
const MIGRATION: ReadonlyArray<readonly [string, number]> = [
  ['079', 35],
  ['001', 20],
  ['074', 15],
  ['075', 10],
  ['048', 5],
  ['031', 5],
  ['077', 4],
  ['092', 3],
  ['080', 3],
];

const ETHNICITY_PICKER = weightedPicker(ETHNICITIES);

/** Leading digits of old 9-digit CMND numbers (they followed the old province numbering). */
const OLD_ID_PREFIXES = Array.from({ length: 38 }, (_, k) => String(k + 1).padStart(2, '0'));

/** Religion by ethnic group (and, for the Kinh majority, north or south): [religion, weight]. */
const RELIGIONS: Readonly<Record<string, ReadonlyArray<readonly [string, number]>>> = {
  Khmer: [['Phật giáo', 85], ['Không', 15]],
  Hoa: [['Không', 55], ['Phật giáo', 40], ['Công giáo', 5]],
  "H'Mông": [['Không', 75], ['Tin lành', 25]],
  'Gia Rai': [['Không', 45], ['Tin lành', 35], ['Công giáo', 20]],
  Chăm: [['Không', 40], ['Hồi giáo', 30], ['Bà La Môn', 30]],
};
const RELIGIONS_SOUTH: ReadonlyArray<readonly [string, number]> = [
  ['Không', 70],
  ['Phật giáo', 14],
  ['Công giáo', 8],
  ['Cao Đài', 5],
  ['Phật giáo Hòa Hảo', 2],
  ['Tin lành', 1],
];
const RELIGIONS_ELSEWHERE: ReadonlyArray<readonly [string, number]> = [
  ['Không', 84],
  ['Phật giáo', 8],
  ['Công giáo', 7],
  ['Tin lành', 1],
];

function religion(rng: Rng, ethnicity: string, region: Region): string {
  return rng.weighted(RELIGIONS[ethnicity] ?? (region === 'south' ? RELIGIONS_SOUTH : RELIGIONS_ELSEWHERE));
}

/** A birth date giving an age in [minAge, maxAge] on `issue`, and strictly before it. */
function birthDateFor(rng: Rng, issue: CalendarDate, minAge: number, maxAge: number): CalendarDate {
  const latest = Math.min(toDayNumber(addYears(issue, -minAge, 'feb28')), toDayNumber(issue) - 1);
  const earliest = toDayNumber(addYears(issue, -(maxAge + 1), 'feb28')) + 1;
  for (;;) {
    // Around 29 February the day range can be off by one day: draw again (rare).
    const birth = fromDayNumber(rng.int(earliest, latest));
    const age = ageOn(birth, issue);
    if (age >= minAge && age <= maxAge) return birth;
  }
}

/** Issue window of each product that `today` allows, as day numbers; null when none. */
function issueWindow(product: ProductId, today: CalendarDate): readonly [number, number] | null {
  const firstText = product === 'vn-cccd-2021' ? CCCD_2021_FIRST_DAY : CANCUOC_FIRST_ISSUE_DATE;
  const first = parseIsoDate(firstText) as CalendarDate;
  const last = product === 'vn-cccd-2021' ? (parseIsoDate(CCCD_2021_LAST_DAY) as CalendarDate) : today;
  const end = compareDates(last, today) < 0 ? last : today;
  return compareDates(first, end) <= 0 ? [toDayNumber(first), toDayNumber(end)] : null;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** A product and the issue days (first, last, as day numbers) generated records of it can have. */
type IssueWindow = [ProductId, readonly [number, number]];

function checkOptions(opts: SampleOptions): { today: CalendarDate; windows: IssueWindow[] } {
  if (!Number.isSafeInteger(opts.count) || opts.count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${String(opts.count)}`);
  }
  const today = parseIsoDate(opts.today);
  if (today === null) throw new RangeError(`today must be a real calendar date YYYY-MM-DD, got "${opts.today}"`);
  if (opts.product !== undefined && !isProductId(opts.product)) {
    throw new RangeError(`product is not a known product: "${String(opts.product)}"`);
  }
  const products: ProductId[] = opts.product !== undefined ? [opts.product] : ['vn-cccd-2021', 'vn-cancuoc-2024'];
  const windows: IssueWindow[] = [];
  for (const p of products) {
    const w = issueWindow(p, today);
    if (w !== null) windows.push([p, w]);
  }
  if (windows.length === 0) {
    throw new RangeError(
      opts.product === 'vn-cancuoc-2024'
        ? `no vn-cancuoc-2024 card can be issued by ${opts.today}: they exist from ${CANCUOC_FIRST_ISSUE_DATE}`
        : `no card can be issued by ${opts.today}: generated issue dates start on ${CCCD_2021_FIRST_DAY}`,
    );
  }
  return { today, windows };
}

/**
 * Generates `opts.count` synthetic records lazily (a million records need no more memory than one).
 * Throws a RangeError at once for bad options: a count that is not a non-negative integer, an invalid
 * `today`, an unknown product, or a product no card of which could be issued by `today`.
 */
export function generateSampleRecords(opts: SampleOptions): Iterable<CitizenRecord> {
  const { windows } = checkOptions(opts);
  return {
    *[Symbol.iterator]() {
      const rng = createRng(`cardline-sample:${String(opts.seed)}`);
      const serial = createSerialPermutation(rng);
      for (let index = 0; index < opts.count; index++) yield makeRecord(rng, windows, serial(index % SERIAL_SPACE));
    },
  };
}

/** {@link generateSampleRecords} collected into an array, for small counts. */
export function sampleRecords(opts: SampleOptions): CitizenRecord[] {
  return [...generateSampleRecords(opts)];
}

function makeRecord(rng: Rng, windows: readonly IssueWindow[], serial: number): CitizenRecord {
  const [product, [firstDay, lastDay]] = rng.pick(windows);
  const issue = fromDayNumber(rng.int(firstDay, lastDay));
  const [minAge, maxAge] = rng.weighted(AGE_CHOICES[product]);
  const birth = birthDateFor(rng, issue, minAge, maxAge);
  const dateOfBirth = formatIsoDate(birth);
  const sex: 'M' | 'F' = rng.chance(0.505) ? 'M' : 'F';
  const ethnicity = ETHNICITY_PICKER.pick(rng);
  const homes = HOME_PROVINCES[ethnicity];
  const birthProvince = homes !== undefined && rng.chance(0.9) ? rng.weighted(homes) : BY_POPULATION.pick(rng);

  // PPP G YY RRRRRR: the prefix is the birth registration province (a few records differ, as in real data).
  const prefix = rng.chance(0.95) ? birthProvince : BY_POPULATION.pick(rng);
  const personalId =
    prefix +
    String(expectedCenturySexDigit(dateOfBirth, sex)) +
    String(birth.y % 100).padStart(2, '0') +
    String(serial).padStart(6, '0');

  // Gia Rai families are matrilineal: children take the mother's family name.
  const matrilineal = ethnicity === 'Gia Rai';
  const family = familyName(rng, ethnicity);
  const name = fullName(rng, sex, birth.y, ethnicity, family);

  const birthPlace = pickLocality(rng, birthProvince, 0.35);
  const originProvince = rng.chance(0.8) ? birthProvince : BY_POPULATION.pick(rng);
  const origin = pickLocality(rng, originProvince, 0.15);
  const residenceProvince = rng.chance(0.75) ? birthProvince : rng.weighted(MIGRATION);
  const residence = pickLocality(rng, residenceProvince, 0.4);
  const age = ageOn(birth, issue);

  // Optional parts first, so the record can be built with its keys in contract order (JSON reads like CSV).
  const marks = product === 'vn-cccd-2021' && rng.chance(0.92) ? identifyingMark(rng) : undefined; // gone in 2024
  // Old 9-digit CMND: issued from 14 until the chip card replaced it; most holders born before 1995 had one.
  const oldIdNumber = birth.y < 1995 && rng.chance(0.6) ? rng.pick(OLD_ID_PREFIXES) + digits(rng, 7) : undefined;
  const parentsBorn = birth.y - rng.int(20, 38);
  const fatherName = rng.chance(0.93)
    ? fullName(rng, 'M', parentsBorn - rng.int(0, 6), ethnicity, matrilineal ? familyName(rng, ethnicity) : family)
    : undefined;
  const motherName = rng.chance(0.97)
    ? fullName(rng, 'F', parentsBorn, ethnicity, matrilineal ? family : familyName(rng, ethnicity))
    : undefined;
  const marriageAge = sex === 'M' ? 20 : 18;
  let spouseName: string | undefined;
  if (age >= marriageAge && rng.chance(age < 25 ? 0.2 : age < 30 ? 0.5 : age < 70 ? 0.8 : 0.6)) {
    const spouseEthnicity = rng.chance(0.9) ? ethnicity : 'Kinh';
    spouseName = fullName(rng, sex === 'M' ? 'F' : 'M', birth.y + rng.int(-5, 5), spouseEthnicity);
  }

  const record: Partial<CitizenRecord> = {
    personalId,
    fullName: name,
    dateOfBirth,
    sex,
    nationality: 'Việt Nam',
    ethnicity,
    religion: religion(rng, ethnicity, birthPlace.region),
    placeOfOrigin: formatLocality(origin),
    placeOfBirthRegistration: formatLocality(birthPlace),
    placeOfResidence: formatHomeAddress(rng, residence, residenceProvince),
  };
  if (marks !== undefined) record.identifyingMarks = marks;
  record.issueDate = formatIsoDate(issue);
  if (oldIdNumber !== undefined) record.oldIdNumber = oldIdNumber;
  if (fatherName !== undefined) record.fatherName = fatherName;
  if (motherName !== undefined) record.motherName = motherName;
  if (spouseName !== undefined) record.spouseName = spouseName;
  return record as CitizenRecord;
}
