import type { LineStarter } from '../../controller/api/console-line';

/**
 * Runs the console's line on the simulated devices, in real time, with no simulated operator: station faults wait
 * for a person to act from the console. Each start is a run of `cardline run --order NAME` on the same database.
 */
export function simulatedLineStarter(db: string, config: string, faults: string, scale: number | undefined): LineStarter {
  return async ({ order, onEvent, onLine }) => {
    const { runLine } = await import('./run-line');
    return runLine({
      db,
      config,
      order,
      speed: 'realtime',
      faults,
      operatorMinutes: 2,
      progress: false,
      autoOperator: false,
      onEvent,
      onLine,
      ...(scale !== undefined ? { timeScale: scale } : {}),
    });
  };
}
