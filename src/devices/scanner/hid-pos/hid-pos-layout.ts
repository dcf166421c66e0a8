/**
 * Where things sit in a HID POS scanner's input report. The USB HID Point of Sale Usage Tables (bar code scanner
 * page 0x8C) name the fields (symbology identifiers, Decoded Data, Decoded Data Continued); the scanner's report
 * descriptor places them. Scanners sold for HID POS use one of two 64-byte arrangements, both offered here; a
 * scanner with another can be described by a layout of its own. See SCANNER.md.
 */

/** Byte positions of one report layout. Offsets count from the first byte the OS delivers (the report ID). */
export interface HidPosReportLayout {
  /** For messages and configuration files. */
  readonly name: string;
  /** The report ID of scanned-data reports (byte 0); reports with another ID are the device's other reports. */
  readonly reportId: number;
  /** Reports shorter than this are malformed. */
  readonly reportLength: number;
  /** The byte holding the number of data bytes in this report. */
  readonly lengthOffset: number;
  /** Where this report's data bytes start. */
  readonly dataOffset: number;
  /** The most data bytes one report carries. */
  readonly dataCapacity: number;
  /** Where the 3-byte AIM symbology identifier ("]Q1" for QR) sits, if the layout has one. */
  readonly symbologyOffset?: number;
  /** The byte holding the "Decoded Data Continued" flag (more reports of this scan follow) ... */
  readonly continuedOffset: number;
  /** ... and its bit. */
  readonly continuedMask: number;
}

/**
 * Symbology identifier first (Access-IS, Datalogic and the USB-IF example): byte 0 report ID 0x02, byte 1 data
 * length (0-56), bytes 2-4 AIM symbology identifier, bytes 5-60 data (zero-padded), byte 61 a further symbology
 * identifier, byte 62 reserved, byte 63 bit 0 set when more data follows. The default.
 */
export const HID_POS_AIM_FIRST: HidPosReportLayout = {
  name: 'aim-first',
  reportId: 0x02,
  reportLength: 64,
  lengthOffset: 1,
  symbologyOffset: 2,
  dataOffset: 5,
  dataCapacity: 56,
  continuedOffset: 63,
  continuedMask: 0x01,
};

/**
 * Data first (Honeywell-style): byte 0 report ID 0x02, byte 1 data length (0-56), bytes 2-57 data, bytes 58-60
 * AIM symbology identifier, bytes 61-62 reserved, byte 63 bit 0 set when more data follows. Check it against the
 * scanner's manual before relying on it.
 */
export const HID_POS_DATA_FIRST: HidPosReportLayout = {
  name: 'data-first',
  reportId: 0x02,
  reportLength: 64,
  lengthOffset: 1,
  dataOffset: 2,
  dataCapacity: 56,
  symbologyOffset: 58,
  continuedOffset: 63,
  continuedMask: 0x01,
};

/** The layouts known by name. */
export const HID_POS_LAYOUTS: Readonly<Record<string, HidPosReportLayout>> = {
  [HID_POS_AIM_FIRST.name]: HID_POS_AIM_FIRST,
  [HID_POS_DATA_FIRST.name]: HID_POS_DATA_FIRST,
};

/** Throws a RangeError when a layout's fields overlap or fall outside its report. */
export function checkHidPosLayout(layout: HidPosReportLayout): void {
  const fields: [string, number, number][] = [
    ['report ID', 0, 1],
    ['length', layout.lengthOffset, 1],
    ['data', layout.dataOffset, layout.dataCapacity],
    ['continued flag', layout.continuedOffset, 1],
  ];
  if (layout.symbologyOffset !== undefined) fields.push(['symbology identifier', layout.symbologyOffset, 3]);
  for (const [what, at, size] of fields) {
    if (!Number.isInteger(at) || at < 0 || size < 1 || at + size > layout.reportLength) {
      throw new RangeError(`HID POS layout "${layout.name}": the ${what} (bytes ${at}-${at + size - 1}) is outside the ${layout.reportLength}-byte report`);
    }
  }
  for (let i = 0; i < fields.length; i++) {
    for (let j = i + 1; j < fields.length; j++) {
      const [a, aAt, aSize] = fields[i]!;
      const [b, bAt, bSize] = fields[j]!;
      if (aAt < bAt + bSize && bAt < aAt + aSize) throw new RangeError(`HID POS layout "${layout.name}": the ${a} and the ${b} overlap`);
    }
  }
  if (layout.dataCapacity > 255) throw new RangeError(`HID POS layout "${layout.name}": a one-byte length cannot count ${layout.dataCapacity} bytes`);
  if (layout.continuedMask < 1 || layout.continuedMask > 0xff) throw new RangeError(`HID POS layout "${layout.name}": the continued mask must be a bit of one byte`);
}
