/**
 * Faces of the chip CCCD (Circular 06/2021/TT-BCA), bilingual. Front: emblem, photo and expiry in a 20 mm left
 * column; heading, title, chip symbol, QR (top right) and the holder's data on the right. Back: identifying
 * marks, issue date, the police director's title with signature and seal, the chip contacts, two fingerprint
 * boxes, and the MRZ at the bottom.
 */
import type { CardLayout, Element } from '../layout';
import {
  DATA_BLACK,
  TITLE_RED,
  bilingual,
  chipContacts,
  mrzBlock,
  nationalHeading,
  style,
} from './common';

/** Labels and the data ink of the 2021 card: dark navy. */
const LABEL_NAVY = '#1f2f5c';

const LABEL = style('condensed', 5.2, LABEL_NAVY);
const VALUE = style('condensed-bold', 6.8, DATA_BLACK);

/** Captions printed on the 2021 card, exactly as on the card. */
export const CCCD_2021_TEXT = {
  title: bilingual('CĂN CƯỚC CÔNG DÂN', 'Citizen Identity Card'),
  number: bilingual('Số', 'No.'),
  fullName: bilingual('Họ và tên', 'Full name'),
  dateOfBirth: bilingual('Ngày sinh', 'Date of birth'),
  sex: bilingual('Giới tính', 'Sex'),
  nationality: bilingual('Quốc tịch', 'Nationality'),
  placeOfOrigin: bilingual('Quê quán', 'Place of origin'),
  placeOfResidence: bilingual('Nơi thường trú', 'Place of residence'),
  expiry: bilingual('Có giá trị đến', 'Date of expiry'),
  identifyingMarks: bilingual('Đặc điểm nhân dạng', 'Personal identification'),
  issueDate: bilingual('Ngày, tháng, năm', 'Date, month, year'),
  director: bilingual(
    'CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI',
    'DIRECTOR GENERAL OF THE POLICE DEPARTMENT FOR ADMINISTRATIVE MANAGEMENT OF SOCIAL ORDER',
  ),
  leftIndex: bilingual('Ngón trỏ trái', 'Left index finger'),
  rightIndex: bilingual('Ngón trỏ phải', 'Right index finger'),
} as const;

const T = CCCD_2021_TEXT;

/** Left edge and width of the front's right-hand column. */
const RX = 25;
const RW = 83.6 - RX;

const front: Element[] = [
  {
    kind: 'background',
    paint: {
      kind: 'linear',
      x1: 0,
      y1: 0,
      x2: 85.6,
      y2: 53.98,
      stops: [
        { offset: 0, color: '#e3edf7' },
        { offset: 0.55, color: '#f6f4ef' },
        { offset: 1, color: '#f5e6e4' },
      ],
    },
  },
  // Left column: emblem over the photo, expiry under it.
  { kind: 'emblem', cx: 12.5, cy: 8, diameter: 12 },
  { kind: 'photo', x: 2.5, y: 14.6, width: 20, height: 30 },
  {
    kind: 'label',
    x: 2.5,
    baseline: 46.4,
    width: 21,
    text: T.expiry,
    arrangement: 'stacked',
    colon: true,
    font: 'condensed',
    size: 4.3,
    color: LABEL_NAVY,
    align: 'center',
  },
  { kind: 'text', x: 2.5, baseline: 51.2, width: 21, source: { field: 'expiry' }, ...style('condensed-bold', 6.5, DATA_BLACK), align: 'center' },
  // Right column: heading beside the emblem, QR in the top right corner.
  ...nationalHeading(24.5, 41.8),
  { kind: 'qr', x: 68.2, y: 3.4, size: 14, quietZone: 1.4 },
  { kind: 'text', x: 24.5, baseline: 15.8, width: 41.8, source: { literal: T.title.vi }, ...style('condensed-bold', 9.5, TITLE_RED), align: 'center' },
  { kind: 'text', x: 24.5, baseline: 19, width: 41.8, source: { literal: T.title.en }, ...style('condensed-bold', 6, TITLE_RED), align: 'center' },
  { kind: 'chip', style: 'emrtd-symbol', x: 77.2, y: 19.6, width: 6.4, height: 4, color: LABEL_NAVY },
  {
    kind: 'field',
    x: RX,
    baseline: 23.5,
    width: 75 - RX,
    label: T.number,
    labelStyle: LABEL,
    source: { field: 'personalId' },
    valueStyle: style('condensed-bold', 10, DATA_BLACK),
  },
  { kind: 'label', x: RX, baseline: 26.4, width: RW, text: T.fullName, arrangement: 'inline', colon: true, ...LABEL },
  { kind: 'text', x: RX, baseline: 30, width: RW, source: { field: 'fullName' }, transform: 'uppercase', ...style('condensed-bold', 8, DATA_BLACK) },
  { kind: 'field', x: RX, baseline: 33.4, width: RW, label: T.dateOfBirth, labelStyle: LABEL, source: { field: 'dateOfBirth' }, valueStyle: VALUE },
  { kind: 'field', x: RX, baseline: 36.7, width: 22, label: T.sex, labelStyle: LABEL, source: { field: 'sex' }, valueStyle: VALUE },
  { kind: 'field', x: 48, baseline: 36.7, width: 83.6 - 48, label: T.nationality, labelStyle: LABEL, source: { field: 'nationality' }, valueStyle: VALUE },
  { kind: 'label', x: RX, baseline: 39.3, width: RW, text: T.placeOfOrigin, arrangement: 'inline', colon: true, ...LABEL },
  { kind: 'text', x: RX, baseline: 42.5, width: RW, source: { field: 'placeOfOrigin' }, ...VALUE },
  {
    kind: 'field',
    x: RX,
    baseline: 45.8,
    width: RW,
    label: T.placeOfResidence,
    labelStyle: LABEL,
    source: { field: 'placeOfResidence' },
    valueStyle: VALUE,
    maxLines: 2,
    lineHeight: 2.9,
  },
];

/** Left block of the back (text above and beside the chip). */
const BX = 2.5;
const BW = 52.5;
/** The director's block, right of the chip. */
const DX = 23.5;
const DW = 32;

const back: Element[] = [
  {
    kind: 'background',
    paint: {
      kind: 'linear',
      x1: 0,
      y1: 0,
      x2: 85.6,
      y2: 53.98,
      stops: [
        { offset: 0, color: '#f5e6e4' },
        { offset: 0.45, color: '#f6f4ef' },
        { offset: 1, color: '#e3edf7' },
      ],
    },
  },
  { kind: 'label', x: BX, baseline: 4.1, width: BW, text: T.identifyingMarks, arrangement: 'inline', colon: true, ...style('condensed', 5, LABEL_NAVY) },
  { kind: 'text', x: BX, baseline: 7.1, width: BW, source: { field: 'identifyingMarks' }, ...style('condensed-bold', 6.5, DATA_BLACK), maxLines: 2, lineHeight: 2.75 },
  {
    kind: 'field',
    x: BX,
    baseline: 13,
    width: BW,
    label: T.issueDate,
    labelStyle: style('condensed', 5, LABEL_NAVY),
    source: { field: 'issueDate' },
    valueStyle: style('condensed-bold', 6.5, DATA_BLACK),
  },
  chipContacts(),
  { kind: 'text', x: DX, baseline: 15.5, width: DW, source: { literal: T.director.vi }, ...style('condensed-bold', 4.6, DATA_BLACK), align: 'center', maxLines: 2, lineHeight: 1.95 },
  { kind: 'text', x: DX, baseline: 19.35, width: DW, source: { literal: T.director.en }, ...style('condensed', 3.8, DATA_BLACK), align: 'center', maxLines: 3, lineHeight: 1.6 },
  { kind: 'seal', cx: 31, cy: 28.5, diameter: 9, color: '#d0202a' },
  { kind: 'signature', x: 33, y: 24.5, width: 20, height: 7, color: '#1b2a6b' },
  {
    kind: 'fingerprint',
    finger: 'left-index',
    x: 56.8,
    y: 2,
    width: 12.8,
    height: 22,
    label: T.leftIndex,
    labelStyle: style('condensed', 4.2, LABEL_NAVY),
    labelHeight: 3.8,
  },
  {
    kind: 'fingerprint',
    finger: 'right-index',
    x: 70.8,
    y: 2,
    width: 12.8,
    height: 22,
    label: T.rightIndex,
    labelStyle: style('condensed', 4.2, LABEL_NAVY),
    labelHeight: 3.8,
  },
  ...mrzBlock(),
];

/** The 2021 chip CCCD layout (one variant). */
export const CCCD_2021_LAYOUT: CardLayout = { front, back };
