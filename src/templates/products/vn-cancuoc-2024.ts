/**
 * Faces of the Căn cước (Circular 16/2024/TT-BCA). Front: emblem, heading, title, chip symbol, photo (none on
 * the under-6 variant) and identity data. Back: residence, birth registration, chip contacts, QR (18 x 18 mm),
 * issue and expiry dates, the issuing ministry, and the MRZ. Background shades from blue at the edges to yellow
 * in the centre; labels violet-blue, data black.
 */
import type { CardLayout, Element, Paint } from '../layout';
import { DATA_BLACK, TITLE_RED, bilingual, chipContacts, mrzBlock, nationalHeading, style } from './common';

/** The labels' violet-blue. */
const LABEL_VIOLET = '#4a3f99';

const LABEL = style('condensed', 5, LABEL_VIOLET);
const VALUE = style('condensed-bold', 7, DATA_BLACK);

/** Captions printed on the 2024 card, exactly as on the card. */
export const CANCUOC_2024_TEXT = {
  title: bilingual('CĂN CƯỚC', 'IDENTITY CARD'),
  personalId: bilingual('Số định danh cá nhân', 'Personal identification number'),
  fullName: bilingual('Họ, chữ đệm và tên khai sinh', 'Full name'),
  dateOfBirth: bilingual('Ngày, tháng, năm sinh', 'Date of birth'),
  sex: bilingual('Giới tính', 'Sex'),
  nationality: bilingual('Quốc tịch', 'Nationality'),
  placeOfResidence: bilingual('Nơi cư trú', 'Place of residence'),
  placeOfBirthRegistration: bilingual('Nơi đăng ký khai sinh', 'Place of birth registration'),
  issueDate: bilingual('Ngày, tháng, năm cấp', 'Date of issue'),
  expiry: bilingual('Ngày, tháng, năm hết hạn', 'Date of expiry'),
  authority: bilingual('BỘ CÔNG AN', 'MINISTRY OF PUBLIC SECURITY'),
} as const;

const T = CANCUOC_2024_TEXT;

/** Blue at the edges, yellow in the centre, pale enough for black data and violet labels to stay legible. */
const BACKGROUND: Paint = {
  kind: 'radial',
  cx: 42.8,
  cy: 27,
  rx: 52,
  ry: 34,
  stops: [
    { offset: 0, color: '#fbf1bf' },
    { offset: 0.45, color: '#f4f0d6' },
    { offset: 1, color: '#b6d2ee' },
  ],
};

/** The front's identity data, left edge `x`, right edge at the safe margin. */
function frontData(x: number): Element[] {
  const w = 83.6 - x;
  return [
    { kind: 'label', x, baseline: 22.6, width: w, text: T.personalId, arrangement: 'inline', colon: true, ...LABEL },
    { kind: 'text', x, baseline: 27.4, width: w, source: { field: 'personalId' }, ...style('condensed-bold', 11, DATA_BLACK) },
    { kind: 'label', x, baseline: 30.3, width: w, text: T.fullName, arrangement: 'inline', colon: true, ...LABEL },
    { kind: 'text', x, baseline: 33.9, width: w, source: { field: 'fullName' }, transform: 'uppercase', ...style('condensed-bold', 8, DATA_BLACK) },
    { kind: 'field', x, baseline: 37.4, width: w, label: T.dateOfBirth, labelStyle: LABEL, source: { field: 'dateOfBirth' }, valueStyle: VALUE },
    { kind: 'field', x, baseline: 40.8, width: 24, label: T.sex, labelStyle: LABEL, source: { field: 'sex' }, valueStyle: VALUE },
    { kind: 'field', x: x + 25, baseline: 40.8, width: w - 25, label: T.nationality, labelStyle: LABEL, source: { field: 'nationality' }, valueStyle: VALUE },
  ];
}

function front(withPhoto: boolean): Element[] {
  return [
    { kind: 'background', paint: BACKGROUND },
    { kind: 'emblem', cx: 10, cy: 8.5, diameter: 12 },
    ...nationalHeading(17, 66.6),
    { kind: 'text', x: 30.3, baseline: 16.4, width: 40, source: { literal: T.title.vi }, ...style('condensed-bold', 11, TITLE_RED), align: 'center' },
    { kind: 'text', x: 30.3, baseline: 19.9, width: 40, source: { literal: T.title.en }, ...style('condensed-bold', 6.5, TITLE_RED), align: 'center' },
    { kind: 'chip', style: 'emrtd-symbol', x: 75, y: 13.2, width: 6.4, height: 4, color: LABEL_VIOLET },
    ...(withPhoto ? [{ kind: 'photo', x: 4, y: 15.5, width: 20, height: 30 } as const] : []),
    ...frontData(withPhoto ? 27 : 4),
  ];
}

/** Text block of the back left of the QR. */
const BX = 2.5;
const BW = 60 - BX;
/** Dates, right of the chip. */
const DX = 23;
const DW = 60 - DX;
/** The QR's column on the right. */
const QX = 60.5;
const QW = 83.6 - QX;

const back: Element[] = [
  { kind: 'background', paint: BACKGROUND },
  { kind: 'label', x: BX, baseline: 4.1, width: BW, text: T.placeOfResidence, arrangement: 'inline', colon: true, ...LABEL },
  { kind: 'text', x: BX, baseline: 7.1, width: BW, source: { field: 'placeOfResidence' }, ...style('condensed-bold', 6.5, DATA_BLACK), maxLines: 2, lineHeight: 2.75 },
  { kind: 'label', x: BX, baseline: 12.9, width: BW, text: T.placeOfBirthRegistration, arrangement: 'inline', colon: true, ...LABEL },
  { kind: 'text', x: BX, baseline: 15.9, width: BW, source: { field: 'placeOfBirthRegistration' }, ...style('condensed-bold', 6.5, DATA_BLACK) },
  chipContacts(),
  { kind: 'label', x: DX, baseline: 19.6, width: DW, text: T.issueDate, arrangement: 'inline', colon: true, ...LABEL },
  { kind: 'text', x: DX, baseline: 22.6, width: DW, source: { field: 'issueDate' }, ...style('condensed-bold', 6.5, DATA_BLACK) },
  { kind: 'label', x: DX, baseline: 25.6, width: DW, text: T.expiry, arrangement: 'inline', colon: true, ...LABEL },
  { kind: 'text', x: DX, baseline: 28.6, width: DW, source: { field: 'expiry' }, ...style('condensed-bold', 6.5, DATA_BLACK) },
  { kind: 'qr', x: 83.6 - 1.5 - 18, y: 2 + 1.5, size: 18, quietZone: 1.5 },
  { kind: 'text', x: QX, baseline: 25.8, width: QW, source: { literal: T.authority.vi }, ...style('condensed-bold', 6.5, TITLE_RED), align: 'center' },
  { kind: 'text', x: QX, baseline: 28.2, width: QW, source: { literal: T.authority.en }, ...style('condensed-bold', 4.6, TITLE_RED), align: 'center' },
  ...mrzBlock(),
];

/** The Căn cước layout for a holder aged 6 or more on the issue date. */
export const CANCUOC_2024_LAYOUT: CardLayout = { front: front(true), back };

/** The Căn cước layout for a holder under 6: the same back, a front without a photo. */
export const CANCUOC_2024_UNDER6_LAYOUT: CardLayout = { front: front(false), back };
