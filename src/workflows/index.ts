/**
 * The workflows of the production line: XState v5 machines, logic only (see WORKFLOWS.md). Effects arrive as
 * injected actors and time as XState's `clock` option; nothing here does I/O.
 */
export * from './card-job';
export * from './station';
export * from './line';
