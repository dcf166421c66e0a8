/**
 * Where each step runs and where it leads. The job's states follow one rule: a state names where the card is
 * (or what just happened to it), and while in it the machine runs the next step. So `fed` runs `moveToEncoder`,
 * `atEncoder` runs `personalize`, `personalizing` runs `verifyChip` (the chip is written, personalization ends
 * with its read-back), `printing` runs `print`, and so on. These tables are the single statement of that rule;
 * the machine, recovery and in-doubt resolution all read them.
 */
import type { JobStateName, JobStep } from './job-types';

/** The state in which each step runs: resuming "at" a step starts here. */
export const STATE_AT_STEP: Readonly<Record<JobStep, JobStateName>> = {
  feed: 'waitingForBlank',
  moveToEncoder: 'fed',
  personalize: 'atEncoder',
  verifyChip: 'personalizing',
  moveToPrinter: 'chipVerified',
  print: 'printing',
  moveToQc: 'printed',
  inspect: 'atQc',
  deliver: 'passed',
  reject: 'rejecting',
};

/**
 * The state a completed step leads to: resuming "after" a step starts here. Two steps have no single answer:
 * - `inspect`: its verdict is not known from "completed", and inspection only reads the card, so it is run
 *   again (`atQc`);
 * - `reject`: the record goes back to the queue or fails, depending on the attempts left (`afterReject`).
 */
export const STATE_AFTER_STEP: Readonly<Record<JobStep, JobStateName | 'afterReject'>> = {
  feed: 'fed',
  moveToEncoder: 'atEncoder',
  personalize: 'personalizing',
  verifyChip: 'chipVerified',
  moveToPrinter: 'printing',
  print: 'printed',
  moveToQc: 'atQc',
  inspect: 'atQc',
  deliver: 'output',
  reject: 'afterReject',
};

/**
 * The failure state a `device` error leads to, by the station the step belongs to: a card that an encoder,
 * printer or QC station failed on is suspect and goes to the reject box with that station's failure.
 * `feed` (no card yet: retried), `deliver` and `reject` (the card's whereabouts are what is uncertain: asked of
 * the hardware) have none.
 */
export const DEVICE_FAILURE_STATE: Readonly<Partial<Record<JobStep, 'chipFailed' | 'printFailed' | 'qcFailed'>>> = {
  moveToEncoder: 'chipFailed',
  personalize: 'chipFailed',
  verifyChip: 'chipFailed',
  moveToPrinter: 'printFailed',
  print: 'printFailed',
  moveToQc: 'qcFailed',
  inspect: 'qcFailed',
};
