/**
 * The card handler driver interface (conveyors, a PLC, an operator carrying batches) and its typed errors. Only a
 * simulated implementation exists (simulators/line).
 */
export * from './card-handler';
export * from './handling-errors';
