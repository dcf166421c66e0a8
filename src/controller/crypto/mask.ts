/**
 * Masking of personal ID numbers for logs, audit entries and operator screens (DESIGN.md principle 7).
 * The masked form keeps the 3-digit province code and the last two digits, enough for an operator to tell
 * records apart on a screen, and far too little to recover the number (seven digits, 10^7 candidates per
 * province, with nothing to test them against).
 */

/** Digits kept at the start (the province of birth registration) and at the end. */
const KEEP_START = 3;
const KEEP_END = 2;

/**
 * `001199012345` -> `001******45`. Any other string of 6 or more characters is masked the same way (keep 3,
 * star the middle in a fixed width of 6, keep 2) so that a malformed ID never leaks either; shorter strings
 * become `***`.
 */
export function maskPersonalId(id: string): string {
  if (id.length < KEEP_START + KEEP_END + 1) return '***';
  return `${id.slice(0, KEEP_START)}******${id.slice(-KEEP_END)}`;
}

/** Runs of exactly 12 digits, not part of a longer number: the shape of a personal ID. */
const TWELVE_DIGIT_RUN = /(?<!\d)\d{12}(?!\d)/g;

/**
 * Masks every run of exactly 12 digits in free text (a message, an error, a file name). Defensive: code
 * should never put a personal ID into text, and when it does this keeps it out of logs and the audit trail.
 * Longer digit runs (card serials, timestamps in ms) are left alone.
 */
export function maskPersonalIdsInText(text: string): string {
  return text.replace(TWELVE_DIGIT_RUN, (id) => maskPersonalId(id));
}
