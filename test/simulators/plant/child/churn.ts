/**
 * A simulated line kept busy: cards fed, personalized, printed, inspected, stacked or rejected, with handler and chip
 * faults, every completed step reported. The crash test runs it in a child process and kills it mid-run, then runs it
 * again on the reopened plant file.
 */
import { JmrtdPersonalizer } from '../../../../src/devices/chip/personalizer';
import { HandlingJamError, NoBlankError } from '../../../../src/devices/handling/handling-errors';
import { EvolisPrinter } from '../../../../src/devices/printer/evolis-printer';
import type { SimulatedLine } from '../../../../src/simulators/line/build-simulated-line';
import type { SimulatedLineDescription } from '../../../../src/simulators/line/line-description';
import type { VirtualClock } from '../../../../src/simulators/virtual-clock';
import { inVirtualTime } from '../../printer/world';
import { smallImage } from '../../line/line-fixtures';

/** The line the churn runs on. */
export const CHURN_LINE: SimulatedLineDescription = {
  stations: [
    { id: 'enc-1', kind: 'encoder' },
    { id: 'prn-1', kind: 'printer', printer: { ribbonPanels: 100_000 } },
    { id: 'qc-1', kind: 'qc' },
  ],
  blanks: 50,
  inputCapacity: 50,
  rejectCapacity: 100_000,
};

/** Faults of the churn. */
export const CHURN_FAULTS = 'handler.jam=0.02,mixup=0.05,chip=0.1';

/** The chip image written to a card: named after the card, so its contents can be checked from the plant alone. */
export const churnImage = (cardId: string) => smallImage(cardId, [300, 500]);

const FLAT = { width: 1016, height: 648, rgb: new Uint8Array(1016 * 648 * 3).fill(180) };

/** Runs `cycles` card cycles; `report(line)` is called after every completed step. Never throws for device faults. */
export async function churn(line: SimulatedLine, clock: VirtualClock, cycles: number, report: (text: string) => void): Promise<void> {
  const run = <T>(p: Promise<T>) => inVirtualTime(clock, p);
  const h = line.handler;
  const enc = line.station('enc-1');
  const prn = line.station('prn-1');
  if (enc.kind !== 'encoder' || prn.kind !== 'printer' || prn.transport === undefined) throw new Error('churn: unexpected line');
  const printer = await run(EvolisPrinter.connect(prn.transport, { clock }));
  const personalizer = new JmrtdPersonalizer();
  const attempt = async (what: string, step: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run(step());
      return true;
    } catch (e) {
      if (e instanceof HandlingJamError) report(`operator ${line.operator.clearJam()}`);
      else if (e instanceof NoBlankError) report(`operator ${line.operator.loadBlanks()}`);
      else report(`failed ${what}: ${(e as Error).name}`);
      return false;
    }
  };
  for (let i = 0; i < cycles; i++) {
    // Whatever an earlier failure left behind goes to the reject box first.
    if (line.plant.count({ kind: 'contact-station', station: 'enc-1' }) > 0) await attempt('clear enc-1', () => h.reject('enc-1', 'left over'));
    if (line.plant.count({ kind: 'scanner', station: 'qc-1' }) > 0) await attempt('clear qc-1', () => h.reject('qc-1', 'left over'));
    if (prn.printer.mechanism.card !== undefined) await attempt('clear printer', () => printer.reject());
    if (prn.printer.mechanism.outputHopper.length > 0) await attempt('clear printer exit', () => h.reject('prn-1', 'left over'));

    if (!(await attempt('feed', () => h.feed('enc-1')))) continue;
    const card = enc.reader.card;
    if (card === undefined) continue;
    report(`fed ${card.id}`);
    const written = await attempt('personalize', async () => personalizer.personalize(await enc.reader.waitForCard(), churnImage(card.id)));
    if (written) report(`personalized ${card.id}`);
    if (!(await attempt('to printer', () => h.transfer('enc-1', 'prn-1')))) continue;
    report(`at printer`);
    if (!(await attempt('print', () => printer.print({ front: FLAT })))) continue;
    if (!(await attempt('eject', () => printer.eject()))) continue;
    report(`printed`);
    if (!(await attempt('to qc', () => h.transfer('prn-1', 'qc-1')))) continue;
    const atQc = line.plant.at({ kind: 'scanner', station: 'qc-1' })[0];
    if (atQc === undefined) continue;
    if (i % 5 === 0) {
      if (await attempt('reject', () => h.reject('qc-1', 'sampled'))) report(`rejected ${atQc.id}`);
    } else if (await attempt('stack', () => h.stack('qc-1', i))) report(`stacked ${atQc.id}`);
  }
}
