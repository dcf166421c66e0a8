/**
 * The card view-model: everything a card face prints, already turned into the strings the face shows. Layouts
 * bind to these fields; renderers never look at a {@link CitizenRecord} or compute a date themselves.
 */
import type { CitizenRecord } from '../identity/record';
import type { ProductId } from '../identity/products';
import { ageOn, requireIsoDate } from '../identity/calendar';
import { NO_EXPIRY_TEXT, computeExpiry } from '../identity/expiry';
import { buildMrz } from '../identity/mrz';
import { buildQrPayload } from '../identity/qr-payload';
import { NO_PHOTO_BELOW_AGE } from '../identity/validate';

/** What the card prints in place of an expiry date when the card never expires (defined by the expiry law). */
export { NO_EXPIRY_TEXT };

/**
 * Face variant within a product. `under-6` is the Căn cước for a holder under 6 years of age on the issue date:
 * the 2023 Law on Identification takes no photo or biometrics below that age, so its front has no photo box.
 */
export type CardVariant = 'standard' | 'under-6';

/** Everything one card's two faces need, formatted for print. */
export interface CardView {
  readonly product: ProductId;
  readonly variant: CardVariant;
  /** 12-digit personal identification number. */
  readonly personalId: string;
  /** Full name with diacritics, as in the record (the layout decides the case it prints in). */
  readonly fullName: string;
  /** dd/mm/yyyy. */
  readonly dateOfBirth: string;
  readonly sex: 'Nam' | 'Nữ';
  readonly nationality: string;
  /** Quê quán; empty when the record has none. */
  readonly placeOfOrigin: string;
  /** Nơi thường trú (2021) / Nơi cư trú (2024); empty when the record has none. */
  readonly placeOfResidence: string;
  /** Nơi đăng ký khai sinh; empty when the record has none. */
  readonly placeOfBirthRegistration: string;
  /** Đặc điểm nhân dạng; empty when the record has none. */
  readonly identifyingMarks: string;
  /** dd/mm/yyyy. */
  readonly issueDate: string;
  /** dd/mm/yyyy, or {@link NO_EXPIRY_TEXT}. */
  readonly expiry: string;
  /** The three 30-character TD1 MRZ lines. */
  readonly mrz: readonly [string, string, string];
  /** The QR code's text, encoded as is. */
  readonly qrPayload: string;
  /** The face photo (JPEG), or null when there is none to print. */
  readonly photoJpeg: Uint8Array | null;
  /** True when the face has a photo box at all (false on the under-6 variant). */
  readonly withPhoto: boolean;
}

/** Names of the {@link CardView} fields a text element can print. */
export type CardTextField =
  | 'personalId'
  | 'fullName'
  | 'dateOfBirth'
  | 'sex'
  | 'nationality'
  | 'placeOfOrigin'
  | 'placeOfResidence'
  | 'placeOfBirthRegistration'
  | 'identifyingMarks'
  | 'issueDate'
  | 'expiry';

/** Formats an ISO `YYYY-MM-DD` date as the card prints it, `dd/mm/yyyy`. Throws on a date that does not exist. */
export function formatCardDate(iso: string): string {
  const date = requireIsoDate(iso, 'date');
  return `${String(date.d).padStart(2, '0')}/${String(date.m).padStart(2, '0')}/${String(date.y).padStart(4, '0')}`;
}

/**
 * The face variant a record gets: the Căn cước holder under {@link NO_PHOTO_BELOW_AGE} on the issue date gets
 * the under-6 front. The 2021 CCCD was only issued from age 14, so it has a single variant.
 */
export function variantFor(record: Pick<CitizenRecord, 'dateOfBirth' | 'issueDate'>, product: ProductId): CardVariant {
  if (product !== 'vn-cancuoc-2024') return 'standard';
  const age = ageOn(requireIsoDate(record.dateOfBirth, 'dateOfBirth'), requireIsoDate(record.issueDate, 'issueDate'));
  return age < NO_PHOTO_BELOW_AGE ? 'under-6' : 'standard';
}

/** JPEG files start with the SOI marker FF D8 FF. */
function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/**
 * Builds the view of one card from a validated record. Expiry, MRZ and QR payload come from the identity
 * layer, so the face and the chip can never disagree. A photo handed in for an under-6 card is dropped: that
 * face has no photo by law. Throws a RangeError when `photoJpeg` is not a JPEG (renderers embed it as is).
 */
export function toCardView(record: CitizenRecord, product: ProductId, photoJpeg?: Uint8Array): CardView {
  if (photoJpeg !== undefined && !isJpeg(photoJpeg)) {
    throw new RangeError('photoJpeg must be a JPEG image (it does not start with FF D8 FF)');
  }
  const variant = variantFor(record, product);
  const withPhoto = variant === 'standard';
  const expiry = computeExpiry(product, record.dateOfBirth, record.issueDate);
  const mrz = buildMrz(record, product);
  return {
    product,
    variant,
    personalId: record.personalId,
    fullName: record.fullName,
    dateOfBirth: formatCardDate(record.dateOfBirth),
    sex: record.sex === 'F' ? 'Nữ' : 'Nam',
    nationality: record.nationality,
    placeOfOrigin: record.placeOfOrigin ?? '',
    placeOfResidence: record.placeOfResidence ?? '',
    placeOfBirthRegistration: record.placeOfBirthRegistration ?? '',
    identifyingMarks: record.identifyingMarks ?? '',
    issueDate: formatCardDate(record.issueDate),
    expiry: expiry === null ? NO_EXPIRY_TEXT : formatCardDate(expiry),
    mrz: [mrz[0], mrz[1], mrz[2]],
    qrPayload: buildQrPayload(record, product),
    photoJpeg: withPhoto && photoJpeg !== undefined ? photoJpeg : null,
    withPhoto,
  };
}
