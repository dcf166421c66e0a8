/**
 * The plant: every physical card of a simulated line, persisted in a plant file. See PLANT.md.
 */
export * from './chip-journal';
export * from './physical-card';
export * from './plant';
export * from './plant-card';
export * from './plant-database';
export * from './printed-side';
export * from './resumable-rng';
export * from './stored-print';
