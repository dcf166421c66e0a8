/** `cardline orders`: every order with its records counted by status. */
import type { Command } from 'commander';
import { RECORD_STATUSES, type OrderSummary } from '../../controller/store';
import { withStore } from './store-command';

function table(orders: OrderSummary[]): string {
  const head = ['ORDER', 'PRODUCT', 'STATUS', ...RECORD_STATUSES.map((s) => s.toUpperCase()), 'TOTAL'];
  const rows = orders.map((o) => [
    o.name,
    o.product ?? 'by issue date',
    o.status,
    ...RECORD_STATUSES.map((s) => String(o.counts[s])),
    String(o.total),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Names and products left-aligned, counts right-aligned.
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

/** Registers `cardline orders`. */
export function registerOrders(program: Command): void {
  program
    .command('orders')
    .description('list the orders of the store with their records counted by status')
    .option('--json', 'print [{"id", "name", "product", "createdAt", "status", "counts", "total"}]')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const orders = await withStore(cmd, { mustExist: true }, (store) => store.listOrders());
      if (opts.json) process.stdout.write(`${JSON.stringify(orders, null, 2)}\n`);
      else process.stdout.write(orders.length === 0 ? 'no orders\n' : table(orders));
    });
}
