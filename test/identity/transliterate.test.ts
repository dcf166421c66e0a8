import fc from 'fast-check';
import {
  toMrzNameComponents,
  transliterate,
  transliterateChar,
  unmappedCharacters,
} from '../../src/identity/transliterate';

/**
 * The 134 precomposed Vietnamese letters (67 lowercase, 67 uppercase), typed literally, grouped by the MRZ
 * letter each must become.
 */
const VIETNAMESE_LETTERS: Record<string, string> = {
  A: 'àáảãạ ăằắẳẵặ âầấẩẫậ ÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ',
  E: 'èéẻẽẹ êềếểễệ ÈÉẺẼẸ ÊỀẾỂỄỆ',
  I: 'ìíỉĩị ÌÍỈĨỊ',
  O: 'òóỏõọ ôồốổỗộ ơờớởỡợ ÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ',
  U: 'ùúủũụ ưừứửữự ÙÚỦŨỤ ƯỪỨỬỮỰ',
  Y: 'ỳýỷỹỵ ỲÝỶỸỴ',
  D: 'đĐ',
};
const TABLE: [string, string][] = Object.entries(VIETNAMESE_LETTERS).flatMap(([base, letters]) =>
  [...letters.replace(/ /g, '')].map((letter): [string, string] => [letter, base]),
);

describe('the 134 Vietnamese letters', () => {
  test('the table really holds 134 distinct precomposed (NFC, one code unit) letters', () => {
    expect(TABLE).toHaveLength(134);
    expect(new Set(TABLE.map(([l]) => l)).size).toBe(134);
    for (const [letter] of TABLE) {
      expect(letter).toHaveLength(1);
      expect(letter.normalize('NFC')).toBe(letter);
    }
  });

  test('the table is complete: every vowel with every tone mark, built from Unicode, is in it', () => {
    const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
    const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323']; // none, huyền, sắc, hỏi, ngã, nặng
    const inTable = new Set(TABLE.map(([l]) => l));
    let count = 0;
    for (const v of vowels) {
      for (const t of tones) {
        for (const letter of [v + t, (v + t).toUpperCase()]) {
          const nfc = letter.normalize('NFC');
          if (/^[a-zA-Z]$/.test(nfc)) continue; // plain ASCII a, e, i, o, u, y
          expect(inTable.has(nfc)).toBe(true);
          count++;
        }
      }
    }
    expect(count + 2).toBe(134); // + đ and Đ
  });

  test.each(TABLE)('%s -> %s', (letter, base) => {
    expect(transliterate(letter)).toBe(base);
    expect(transliterateChar(letter)).toBe(base);
  });

  test.each(TABLE)('decomposed (NFD) %s -> %s', (letter, base) => {
    const nfd = letter.normalize('NFD');
    expect(transliterate(nfd)).toBe(base);
    expect(unmappedCharacters(nfd)).toEqual([]);
  });
});

describe('transliterate', () => {
  test.each([
    ['Nguyễn Thị Mai', 'NGUYEN<THI<MAI'],
    ['Đặng Thị Ngọc Ánh', 'DANG<THI<NGOC<ANH'],
    ['Trương Vĩnh Ượng', 'TRUONG<VINH<UONG'],
    ['  Lê   Văn  Tám  ', 'LE<VAN<TAM'], // runs of spaces collapse, ends trimmed
    ['Lê-Anh', 'LE<ANH'], // hyphen -> <
    ['Lê - Anh', 'LE<ANH'], // never a spurious <<
    ['Tôn‐Nữ', 'TON<NU'], // U+2010 hyphen
    ["D'Arc", 'DARC'], // apostrophe removed
    ['D’Arc', 'DARC'], // typographic apostrophe
    ['Mai2 Anh.', 'MAI<ANH'], // digits and punctuation removed
    ['Mai\u00a0Anh', 'MAI<ANH'], // no-break space separates
    ['Müller', 'MUELLER'], // Doc 9303-3 section 6
    ['Straße', 'STRASSE'],
    ['Øre', 'OERE'],
    ['Þór', 'THOR'],
    ['Ærø', 'AEROE'],
    ['Ñúñez', 'NUNEZ'],
    ['Çelik', 'CELIK'],
    ['Łukasz', 'LUKASZ'],
    ['Ångström', 'AANGSTROEM'],
    ['Ðorđe', 'DORDE'],
    ['阮 Mai', 'MAI'], // no Latin transliteration: removed
    ['😀Mai', 'MAI'],
    ['', ''],
    ['---', ''],
  ])('%j -> %j', (input, expected) => expect(transliterate(input)).toBe(expected));

  test('toMrzNameComponents splits on whitespace and hyphens', () => {
    expect(toMrzNameComponents('Nguyễn Thị-Mai')).toEqual(['NGUYEN', 'THI', 'MAI']);
    expect(toMrzNameComponents("!!! ' ")).toEqual([]);
  });

  const vietnameseText = fc.string({
    unit: fc.constantFrom(...TABLE.map(([l]) => l), 'a', 'B', ' ', '-', "'", 'x', '1', '.', '\u0301'),
    maxLength: 40,
  });

  test('output is A-Z components joined by single < (property)', () => {
    fc.assert(
      fc.property(fc.oneof(vietnameseText, fc.string({ unit: 'binary' })), (text) => {
        expect(transliterate(text)).toMatch(/^([A-Z]+(<[A-Z]+)*)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  test('precomposed and decomposed input give the same MRZ text (property)', () => {
    fc.assert(
      fc.property(vietnameseText, (text) => {
        expect(transliterate(text.normalize('NFD'))).toBe(transliterate(text.normalize('NFC')));
      }),
      { numRuns: 2000 },
    );
  });

  test('letter count is kept: each Vietnamese letter gives exactly one MRZ letter (property)', () => {
    const lettersOnly = fc.string({ unit: fc.constantFrom(...TABLE.map(([l]) => l), 'a', 'Z'), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(lettersOnly, (word) => {
        expect(transliterate(word)).toHaveLength([...word].length);
      }),
    );
  });
});

describe('unmappedCharacters', () => {
  test.each([
    ['Nguyễn Thị Mai', []],
    ["D'Arc-Lê", []],
    ['Nguyễn Văn 2', ['2']],
    ['Mai.Anh.', ['.']],
    ['阮 Mai 阮', ['阮']],
    ['😀 Mai', ['😀']], // a whole surrogate pair, not two halves
    ['A1 B2 @', ['1', '2', '@']],
  ])('%j -> %j', (input, expected) => expect(unmappedCharacters(input)).toEqual(expected));
});
