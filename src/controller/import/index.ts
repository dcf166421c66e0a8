/**
 * Reading record files from disk and validating them as they stream: the I/O edge around the pure parsers
 * (identity/parse) and the validator (identity/validate). Memory stays bounded by the largest record and the
 * listed issues, never by the number of records.
 */
export { readRecordFile, readRecordBatches, READ_CHUNK_BYTES, type ReadRecordFileOptions } from './read-record-file';
export type { ParsedRow, RecordFormat } from '../../identity/parse';
export {
  validateFile,
  DEFAULT_MAX_LISTED_ISSUES,
  type FileValidationSummary,
  type ValidateFileOptions,
  type ValidRecord,
} from './validate-file';
export { loadPhoto, checkPhoto, decodeJpegDataUri, isJpeg, PhotoError } from './photo';
