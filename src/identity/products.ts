/**
 * The card products cardline knows. A product fixes the law that sets expiry, the card faces, the MRZ and QR
 * formats and the chip profile.
 */
export const PRODUCT_IDS = ['vn-cccd-2021', 'vn-cancuoc-2024'] as const;

/** Identifier of a card product. */
export type ProductId = (typeof PRODUCT_IDS)[number];

/** The day the 2023 Law on Identification took effect: cards issued from this day are Căn cước cards. */
export const CANCUOC_FIRST_ISSUE_DATE = '2024-07-01';

/** True when `value` names a known product. */
export function isProductId(value: string): value is ProductId {
  return (PRODUCT_IDS as readonly string[]).includes(value);
}

/**
 * The product a record gets when the caller does not name one: it follows the issue date
 * (before 2024-07-01 the 2021 chip CCCD, from then the 2024 Căn cước). `issueDate` is YYYY-MM-DD.
 */
export function productForIssueDate(issueDate: string): ProductId {
  return issueDate < CANCUOC_FIRST_ISSUE_DATE ? 'vn-cccd-2021' : 'vn-cancuoc-2024';
}
