/** Every migration, in order. Append new ones; never edit or reorder released ones. */
import type { Migration } from './migration';
import { migration001 } from './001-initial';

export type { Migration } from './migration';

/** The schema's history; the last entry's version is the version this code writes. */
export const MIGRATIONS: readonly Migration[] = [migration001];
