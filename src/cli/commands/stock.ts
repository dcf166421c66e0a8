/**
 * `cardline stock [--order NAME]`: the card accountability ledger. Exits 1 when cards are unaccounted for or
 * a card's state disagrees with its movements: like `audit verify`, it is a check an auditor scripts.
 */
import type { Command } from 'commander';
import { InputError } from '../cli-errors';
import type { LedgerFigures, StockLedger } from '../../controller/store';
import { withStore } from './store-command';

function figures(f: LedgerFigures, indent: string): string {
  const rows: [string, number][] = [
    ['issued to the line', f.issued],
    ['good', f.good],
    ['spoiled', f.spoiled],
    ['in doubt', f.inDoubt],
    ['returned to vault', f.returned],
    ['still on the line', f.onLine],
  ];
  const body = rows.map(([k, v]) => `${indent}${k.padEnd(20)}${String(v).padStart(8)}`).join('\n');
  const verdict =
    f.unaccounted === 0
      ? 'nothing unaccounted'
      : f.unaccounted > 0
        ? `UNACCOUNTED: ${f.unaccounted} cards issued but not in any category`
        : `UNACCOUNTED: ${-f.unaccounted} more cards on the books than were issued`;
  return `${body}\n${indent}${verdict}\n`;
}

function report(ledger: StockLedger, orderName: string | undefined): string {
  let out = '';
  if (orderName !== undefined) {
    const o = ledger.orders[0]!;
    out += `stock ledger of order "${orderName}"\n${figures(o, '  ')}`;
  } else {
    out += `stock ledger, all cards\n${figures(ledger.overall, '  ')}`;
    for (const o of ledger.orders) out += `order "${o.order}"\n${figures(o, '  ')}`;
    if (ledger.unassigned !== null && ledger.unassigned.issued + ledger.unassigned.onLine > 0) {
      out += `issued to no order\n${figures(ledger.unassigned, '  ')}`;
    }
  }
  if (ledger.inconsistentCards.length > 0) {
    out += `cards whose state disagrees with their movements: ${ledger.inconsistentCards.join(', ')}\n`;
  }
  return out;
}

/** Registers `cardline stock`. */
export function registerStock(program: Command): void {
  program
    .command('stock')
    .description('the card accountability ledger: issued = good + spoiled + in doubt + returned + on the line')
    .option('--order <name>', 'only this order')
    .option('--json', 'print {"overall", "orders", "unassigned", "inconsistentCards"}')
    .action(async (opts: { order?: string; json?: boolean }, cmd: Command) => {
      const ledger = await withStore(cmd, { mustExist: true }, (store) => {
        if (opts.order === undefined) return store.stockLedger();
        const order = store.findOrder(opts.order);
        if (order === undefined) throw new InputError(`no order named "${opts.order}"`);
        return store.stockLedger({ orderId: order.id });
      });
      const figuresChecked = opts.order === undefined ? ledger.overall : ledger.orders[0]!;
      if (opts.json) process.stdout.write(`${JSON.stringify(ledger, null, 2)}\n`);
      else process.stdout.write(report(ledger, opts.order));
      if (figuresChecked.unaccounted !== 0 || ledger.inconsistentCards.length > 0) process.exitCode = 1;
    });
}
