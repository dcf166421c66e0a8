/**
 * The virtual eMRTD chip, its fault model and its in-process attachment. See devices/chip/CHIP.md.
 */
export * from './chip-mutation';
export * from './faults';
export * from './virtual-chip';
export * from './virtual-chip-channel';
