/**
 * Basic Access Control and secure messaging (ICAO 9303-11 section 4.3 and section 9.8), both the terminal
 * and the chip side, pure functions over bytes: randomness is passed in by the caller.
 */
export * from './bytes';
export * from './command-fields';
export * from './des';
export * from './errors';
export * from './iso9797';
export * from './key-derivation';
export * from './mutual-authentication';
export * from './session';
export * from './sm-command';
export * from './sm-objects';
export * from './sm-response';
