/**
 * The simulated devices of a whole line: description, timings and capacity, faults, the card handler, readers at
 * plant places, and the builder. See SIMULATED-LINE.md.
 */
export * from './build-simulated-line';
export * from './line-description';
export * from './line-fault-spec';
export * from './line-operator';
export * from './line-timings';
export * from './plant-card-reader';
export * from './simulated-card-handler';
export * from './plant-vpcd-slot';
