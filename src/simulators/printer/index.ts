/**
 * The simulated Evolis-style card printer: its mechanism, faults, operator and console. See SIMULATOR.md.
 */
export * from './fault-plan';
export * from './fault-spec';
export * from './operator-console';
export * from './printer-mechanism';
export * from './printer-operator';
export * from './printer-simulator';
export * from './timings';
