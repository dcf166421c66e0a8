/**
 * Errors of the data-protection layer. Messages say what is wrong and where (a variable name, a file path)
 * and never contain key material, plaintext or a personal ID.
 */

/** The data key is missing, malformed, unsafely stored or does not fit the database. */
export class DataKeyError extends Error {
  override readonly name = 'DataKeyError';
}

/**
 * A sealed value cannot be opened: it is damaged, was sealed under another key, or was moved to a row it was
 * not sealed for (the additional authenticated data differs).
 */
export class SealError extends Error {
  override readonly name = 'SealError';
}
