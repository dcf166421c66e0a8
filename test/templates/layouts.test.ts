import type { Element, CardLayout } from '../../src/templates/layout';
import { layerOf } from '../../src/templates/layout';
import { CARD_BOX, SAFE_BOX, boxContains, boxesOverlap, elementBounds } from '../../src/templates/layout-bounds';
import {
  CANCUOC_2024_LAYOUT,
  CANCUOC_2024_UNDER6_LAYOUT,
  CCCD_2021_LAYOUT,
  layoutFor,
} from '../../src/templates/products';

/** Every caption on a face, as "vi / en". */
function captions(face: readonly Element[]): string[] {
  return face.flatMap((el) => {
    if (el.kind === 'label') return [`${el.text.vi} / ${el.text.en}`];
    if (el.kind === 'field' || el.kind === 'fingerprint') return [`${el.label.vi} / ${el.label.en}`];
    return [];
  });
}

/** Every view field a face prints. */
function bindings(face: readonly Element[]): string[] {
  return face.flatMap((el) => ((el.kind === 'text' || el.kind === 'field') && 'field' in el.source ? [el.source.field] : []));
}

/** Every fixed text a face prints. */
function literals(face: readonly Element[]): string[] {
  return face.flatMap((el) => (el.kind === 'text' && 'literal' in el.source ? [el.source.literal] : []));
}

function only<K extends Element['kind']>(face: readonly Element[], kind: K): Extract<Element, { kind: K }>[] {
  return face.filter((el): el is Extract<Element, { kind: K }> => el.kind === kind);
}

const HEADING = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'SOCIALIST REPUBLIC OF VIET NAM',
  'Independence - Freedom - Happiness',
];

const LAYOUTS: [string, CardLayout][] = [
  ['vn-cccd-2021', CCCD_2021_LAYOUT],
  ['vn-cancuoc-2024', CANCUOC_2024_LAYOUT],
  ['vn-cancuoc-2024 under 6', CANCUOC_2024_UNDER6_LAYOUT],
];

describe('vn-cccd-2021 layout: every field of REFERENCE.md section 1', () => {
  const { front, back } = CCCD_2021_LAYOUT;

  it('front left column: emblem, photo, expiry', () => {
    expect(only(front, 'emblem')).toHaveLength(1);
    expect(only(front, 'photo')).toHaveLength(1);
    expect(captions(front)).toContain('Có giá trị đến / Date of expiry');
    expect(bindings(front)).toContain('expiry');
  });

  it('front right column: heading, title, chip symbol, QR and the holder data', () => {
    expect(literals(front)).toEqual(expect.arrayContaining([...HEADING, 'CĂN CƯỚC CÔNG DÂN', 'Citizen Identity Card']));
    expect(only(front, 'chip').map((c) => c.style)).toEqual(['emrtd-symbol']);
    expect(only(front, 'qr')).toHaveLength(1);
    expect(captions(front)).toEqual(
      expect.arrayContaining([
        'Số / No.',
        'Họ và tên / Full name',
        'Ngày sinh / Date of birth',
        'Giới tính / Sex',
        'Quốc tịch / Nationality',
        'Quê quán / Place of origin',
        'Nơi thường trú / Place of residence',
      ]),
    );
    expect(bindings(front)).toEqual(
      expect.arrayContaining(['personalId', 'fullName', 'dateOfBirth', 'sex', 'nationality', 'placeOfOrigin', 'placeOfResidence']),
    );
  });

  it('puts the QR code in the top right corner of the front', () => {
    const [qr] = only(front, 'qr');
    expect(qr).toBeDefined();
    expect(qr!.x).toBeGreaterThan(85.6 * 0.7);
    expect(qr!.y + qr!.size).toBeLessThan(53.98 * 0.4);
  });

  it('back: identifying marks, issue date, director, signature, seal, chip contacts, fingerprints, MRZ', () => {
    expect(captions(back)).toEqual(
      expect.arrayContaining([
        'Đặc điểm nhân dạng / Personal identification',
        'Ngày, tháng, năm / Date, month, year',
        'Ngón trỏ trái / Left index finger',
        'Ngón trỏ phải / Right index finger',
      ]),
    );
    expect(bindings(back)).toEqual(expect.arrayContaining(['identifyingMarks', 'issueDate']));
    expect(literals(back)).toEqual(
      expect.arrayContaining([
        'CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI',
        'DIRECTOR GENERAL OF THE POLICE DEPARTMENT FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER',
      ]),
    );
    expect(only(back, 'signature')).toHaveLength(1);
    expect(only(back, 'seal')).toHaveLength(1);
    expect(only(back, 'chip').map((c) => c.style)).toEqual(['contacts']);
    expect(only(back, 'fingerprint').map((f) => f.finger)).toEqual(['left-index', 'right-index']);
    expect(only(back, 'mrz')).toHaveLength(1);
  });
});

describe('vn-cancuoc-2024 layout: every field of REFERENCE.md section 1', () => {
  it('front: emblem, heading, title, chip symbol, photo and identity data', () => {
    const { front } = CANCUOC_2024_LAYOUT;
    expect(only(front, 'emblem')).toHaveLength(1);
    expect(literals(front)).toEqual(expect.arrayContaining([...HEADING, 'CĂN CƯỚC', 'IDENTITY CARD']));
    expect(only(front, 'chip').map((c) => c.style)).toEqual(['emrtd-symbol']);
    expect(only(front, 'photo')).toHaveLength(1);
    expect(captions(front)).toEqual(
      expect.arrayContaining([
        'Số định danh cá nhân / Personal identification number',
        'Họ, chữ đệm và tên khai sinh / Full name',
        'Ngày, tháng, năm sinh / Date of birth',
        'Giới tính / Sex',
        'Quốc tịch / Nationality',
      ]),
    );
    expect(bindings(front)).toEqual(expect.arrayContaining(['personalId', 'fullName', 'dateOfBirth', 'sex', 'nationality']));
  });

  it('under-6 front: the same data without a photo', () => {
    const { front } = CANCUOC_2024_UNDER6_LAYOUT;
    expect(only(front, 'photo')).toHaveLength(0);
    expect(captions(front)).toEqual(captions(CANCUOC_2024_LAYOUT.front));
    expect(bindings(front)).toEqual(bindings(CANCUOC_2024_LAYOUT.front));
  });

  it('back: residence, birth registration, chip, QR, issue and expiry dates, ministry, MRZ', () => {
    const { back } = CANCUOC_2024_LAYOUT;
    expect(captions(back)).toEqual(
      expect.arrayContaining([
        'Nơi cư trú / Place of residence',
        'Nơi đăng ký khai sinh / Place of birth registration',
        'Ngày, tháng, năm cấp / Date of issue',
        'Ngày, tháng, năm hết hạn / Date of expiry',
      ]),
    );
    expect(bindings(back)).toEqual(expect.arrayContaining(['placeOfResidence', 'placeOfBirthRegistration', 'issueDate', 'expiry']));
    expect(literals(back)).toEqual(expect.arrayContaining(['BỘ CÔNG AN', 'MINISTRY OF PUBLIC SECURITY']));
    expect(only(back, 'chip').map((c) => c.style)).toEqual(['contacts']);
    expect(only(back, 'mrz')).toHaveLength(1);
    const qr = only(back, 'qr');
    expect(qr).toHaveLength(1);
    expect(qr[0]!.size).toBe(18);
  });

  it('drops what the 2024 card no longer has: fingerprints, identifying marks, director, place of origin', () => {
    for (const face of [CANCUOC_2024_LAYOUT.front, CANCUOC_2024_LAYOUT.back]) {
      expect(only(face, 'fingerprint')).toHaveLength(0);
      expect(only(face, 'signature')).toHaveLength(0);
      expect(bindings(face)).not.toContain('identifyingMarks');
      expect(bindings(face)).not.toContain('placeOfOrigin');
      expect(literals(face).join(' ')).not.toContain('CỤC TRƯỞNG');
    }
  });
});

describe.each(LAYOUTS)('%s layout geometry', (_name, layout) => {
  const faces: [string, readonly Element[]][] = [
    ['front', layout.front],
    ['back', layout.back],
  ];

  it('keeps every element inside the card and its 2 mm safe margin', () => {
    for (const [, face] of faces) {
      for (const el of face) {
        const box = elementBounds(el);
        if (box === null || el.kind === 'clear-zone') continue;
        expect({ kind: el.kind, inside: boxContains(SAFE_BOX, box), box }).toEqual({ kind: el.kind, inside: true, box });
        expect(boxContains(CARD_BOX, box)).toBe(true);
      }
    }
  });

  it('overlaps nothing but the seal over the signature', () => {
    const overlaps: string[] = [];
    for (const [side, face] of faces) {
      const placed = face.filter((el) => el.kind !== 'background' && el.kind !== 'clear-zone');
      for (let i = 0; i < placed.length; i++) {
        for (let j = i + 1; j < placed.length; j++) {
          const a = placed[i]!;
          const b = placed[j]!;
          const pair = [a.kind, b.kind].sort().join('+');
          if (pair === 'seal+signature') continue;
          if (boxesOverlap(elementBounds(a)!, elementBounds(b)!)) overlaps.push(`${side} ${i}:${a.kind} ${j}:${b.kind}`);
        }
      }
    }
    expect(overlaps).toEqual([]);
  });

  it('has a photo box of exactly 20 x 30 mm and an emblem of 12 mm', () => {
    for (const photo of only(layout.front, 'photo')) expect([photo.width, photo.height]).toEqual([20, 30]);
    expect(only(layout.front, 'emblem').map((e) => e.diameter)).toEqual([12]);
  });

  it('sets the 3-line TD1 MRZ at the bottom of the back on the ICAO grid', () => {
    const [mrz] = only(layout.back, 'mrz');
    expect(mrz).toBeDefined();
    expect(mrz!.pitch).toBe(2.54);
    // 30 characters x 2.54 mm = 76.2 mm, centred on the 85.6 mm card.
    expect(mrz!.x).toBeCloseTo((85.6 - 76.2) / 2, 9);
    const box = elementBounds(mrz!)!;
    expect(box.width).toBeCloseTo(76.2, 9);
    // The last line sits in the bottom 5 mm band, above the safe margin.
    expect(mrz!.baseline + 2 * mrz!.lineSpacing).toBeGreaterThan(53.98 - 5);
    expect(mrz!.baseline + 2 * mrz!.lineSpacing).toBeLessThan(53.98 - 2);
  });

  it('keeps the MRZ clear zone free of everything but the MRZ', () => {
    const [zone] = only(layout.back, 'clear-zone');
    expect(zone).toBeDefined();
    expect(zone!.y + zone!.height).toBeCloseTo(53.98, 9);
    for (const el of layout.back) {
      if (el.kind === 'background' || el.kind === 'clear-zone') continue;
      const inZone = boxesOverlap(zone!, elementBounds(el)!);
      expect({ kind: el.kind, inZone }).toEqual({ kind: el.kind, inZone: el.kind === 'mrz' });
    }
  });

  it('has a background on both faces', () => {
    expect(layout.front[0]?.kind).toBe('background');
    expect(layout.back[0]?.kind).toBe('background');
  });
});

describe('layoutFor', () => {
  it('picks the layout by product and variant', () => {
    expect(layoutFor({ product: 'vn-cccd-2021', variant: 'standard' })).toBe(CCCD_2021_LAYOUT);
    expect(layoutFor({ product: 'vn-cancuoc-2024', variant: 'standard' })).toBe(CANCUOC_2024_LAYOUT);
    expect(layoutFor({ product: 'vn-cancuoc-2024', variant: 'under-6' })).toBe(CANCUOC_2024_UNDER6_LAYOUT);
  });
});

describe('layerOf', () => {
  it('separates artwork, personal data, placeholders and the physical chip', () => {
    const layers = CCCD_2021_LAYOUT.back.map((el) => [el.kind, layerOf(el)] as const);
    expect(layers).toEqual(
      expect.arrayContaining([
        ['chip', 'physical'],
        ['mrz', 'personal'],
        ['seal', 'placeholder'],
        ['signature', 'placeholder'],
        ['fingerprint', 'placeholder'],
        ['background', 'artwork'],
      ]),
    );
    expect(layerOf({ kind: 'text', x: 0, baseline: 5, width: 10, font: 'regular', size: 6, color: '#000000', source: { field: 'fullName' } })).toBe('personal');
    expect(layerOf({ kind: 'text', x: 0, baseline: 5, width: 10, font: 'regular', size: 6, color: '#000000', source: { literal: 'CĂN CƯỚC' } })).toBe('artwork');
  });
});
