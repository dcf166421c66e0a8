/**
 * The chip station: ISO/IEC 7816-4 APDUs, the card channel, BAC secure messaging on the terminal side, the
 * JMRTD-style personalizer and the QC read-back. See CHIP.md.
 */
export * from './apdu';
export * from './apdu-trace';
export * from './card-channel';
export * from './card-reader';
export * from '../clock';
export * from './emrtd-commands';
export * from './errors';
export * from './perform-bac';
export * from './personalizer';
export * from './qc-reader';
export * from './qc-report';
export * from './random';
export * from './read-file';
export * from './secure-channel';
export * from './status-words';
