/**
 * The Evolis-style card printer: framing, reply parsing, status, panels and the driver. See PROTOCOL.md.
 */
export * from './command-channel';
export * from './command-parser';
export * from './commands';
export * from './errors';
export * from './evolis-printer';
export * from './frame';
export * from './panel-download';
export * from './panels';
export * from './printer';
export * from './reply';
export * from './reply-parser';
export * from './status';
export * from './timeouts';
