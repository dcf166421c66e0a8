/**
 * `cardline serve [--port 8080] [--host 127.0.0.1]`: the console's HTTP API over the store at `--db`. It listens on
 * the loopback address unless told otherwise: put it behind a TLS proxy (and pass --secure-cookies) before opening
 * it to a network.
 */
import type { Command } from 'commander';
import { dbPath } from './store-command';
import { tcpPort, timeScale } from '../options';
import { simulatedLineStarter } from '../run/line-starter';

/** Registers `cardline serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the console API (sign-in, orders, stock ledger, audit log, reports) over the store')
    .option('--port <n>', 'TCP port (0: any free port)', tcpPort, 8080)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--secure-cookies', 'mark the session cookie Secure (served over TLS)')
    .option('--line <line>', 'the simulated line the console drives: workstation, industrial or a line file (default: none, the store only)')
    .option('--time-scale <factor>', 'multiply the simulated devices\' durations', timeScale)
    .option('--faults <spec>', 'faults the simulated line injects, as for cardline run', '')
    .action(async (opts: { port: number; host: string; secureCookies?: boolean; line?: string; timeScale?: number; faults: string }, cmd: Command) => {
      const { Store } = await import('../../controller/store');
      const { buildApi } = await import('../../controller/api');
      const db = dbPath(cmd);
      const store = Store.open(db);
      const app = buildApi({
        store,
        secureCookies: opts.secureCookies === true,
        ...(opts.line !== undefined ? { startLine: simulatedLineStarter(db, opts.line, opts.faults, opts.timeScale) } : {}),
      });
      const address = await app.listen({ port: opts.port, host: opts.host });
      store.audit({ action: 'system.serve', detail: { address } });
      process.stdout.write(`cardline: serving the API at ${address}/api (OpenAPI: ${address}/api/openapi.json)\n`);
      const stop = () => {
        void app.close().then(() => {
          store.close();
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
