/**
 * Synthetic sample data: realistic Vietnamese citizen records from a seed, and the seeded generator behind
 * them (reusable wherever a deterministic random stream is needed: simulators, fault plans, tests).
 */
export { generateSampleRecords, sampleRecords, type SampleOptions } from './generate-sample';
export { createRng, weightedPicker, type Rng, type WeightedPicker } from './rng';
