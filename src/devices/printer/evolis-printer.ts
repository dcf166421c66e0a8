/**
 * The Evolis-style card printer driver over any {@link ByteTransport}. See PROTOCOL.md for the command subset, the
 * panel download format, the time-outs and the retry policy.
 */
import { type Clock, systemClock } from '../clock';
import type { ByteTransport } from '../transport/byte-transport';
import { CommandChannel, type ChannelStats, type ReplyShape } from './command-channel';
import type { CommandClass } from './commands';
import { CardPositionError, PrinterOfflineError, PrinterProtocolError, PrinterTimeoutError } from './errors';
import { encodePanelData, type PanelEncoding } from './panel-download';
import { checkPanel, type PrintPanels, type RgbPanel, splitRgb, YMCKO } from './panels';
import type { CardPosition, FeederState, Printer, PrinterCounters, PrinterInfo } from './printer';
import { offlineStatus, parseStatusReply, type PrinterStatus } from './status';
import { DEFAULT_PRINTER_TIMEOUTS, DEFAULT_RESYNC, type PrinterTimeouts, type ResyncOptions } from './timeouts';

/** Options of {@link EvolisPrinter.connect}. */
export interface EvolisPrinterOptions {
  /** Clock of every time-out and poll. Default: the system clock. */
  clock?: Clock;
  timeouts?: Partial<PrinterTimeouts>;
  resync?: Partial<ResyncOptions>;
  /** Extra attempts for reads after a time-out or garbled reply. Default 2. */
  readRetries?: number;
  /** How long after `Sis` the card must be reported at the contact station. Default 5000 ms. */
  insertConfirmMs?: number;
  /** Interval of the card position polls. Default 100 ms. */
  positionPollMs?: number;
  /** Encoding of panel downloads. Default `zlib`. */
  panelEncoding?: PanelEncoding;
}

/** Defaults of {@link EvolisPrinterOptions} outside the time-outs. */
export const EVOLIS_DEFAULTS = { readRetries: 2, insertConfirmMs: 5_000, positionPollMs: 100, panelEncoding: 'zlib' as PanelEncoding };

const POSITIONS: Readonly<Record<string, CardPosition>> = { OK: 'none', CARD: 'card', 'SMART CARD': 'smart-card', 'CONTACTLESS CARD': 'contactless-card' };

const FEEDER: Readonly<Record<string, FeederState>> = {
  '0': { code: 0, empty: false, meaning: 'cards in the feeder' },
  '1': { code: 1, empty: true, meaning: 'feeder empty' },
  '2': { code: 2, empty: true, meaning: 'no card picked (pick failure: reseat the stack)' },
  '3': { code: 3, empty: true, meaning: 'feeder missing or open' },
};

/** An Evolis-style printer; see the module comment. */
export class EvolisPrinter implements Printer {
  private constructor(
    private readonly channel: CommandChannel,
    private readonly transport: ByteTransport,
    private readonly clock: Clock,
    /** Model, serial number and firmware, read at connect. */
    readonly info: PrinterInfo,
    private readonly settings: Required<Pick<EvolisPrinterOptions, 'insertConfirmMs' | 'positionPollMs' | 'panelEncoding'>>,
  ) {}

  /**
   * Connects over `transport`: drains whatever a previous session left on the line, sets host-managed errors
   * (`Pem;2`), and reads the model (`Rtp`), serial number (`Rsn`) and firmware (`Rfv`).
   * @throws PrinterOfflineError when nothing answers, or the typed error of a refusal
   */
  static async connect(transport: ByteTransport, options: EvolisPrinterOptions = {}): Promise<EvolisPrinter> {
    const clock = options.clock ?? systemClock;
    const channel = new CommandChannel(transport, {
      clock,
      timeouts: { ...DEFAULT_PRINTER_TIMEOUTS, ...options.timeouts },
      resync: { ...DEFAULT_RESYNC, ...options.resync },
      readRetries: options.readRetries ?? EVOLIS_DEFAULTS.readRetries,
    });
    try {
      await expectOk(channel, 'Pem', ['2'], 'setting');
      const model = await channel.send({ name: 'Rtp', params: [], cls: 'read', expect: SHAPES.text });
      const serialNumber = await channel.send({ name: 'Rsn', params: [], cls: 'read', expect: SHAPES.text });
      const firmware = await channel.send({ name: 'Rfv', params: [], cls: 'read', expect: SHAPES.text });
      channel.setProbe({ name: 'Rsn', params: [], expect: serialNumber });
      return new EvolisPrinter(channel, transport, clock, { model, serialNumber, firmware }, {
        insertConfirmMs: options.insertConfirmMs ?? EVOLIS_DEFAULTS.insertConfirmMs,
        positionPollMs: options.positionPollMs ?? EVOLIS_DEFAULTS.positionPollMs,
        panelEncoding: options.panelEncoding ?? EVOLIS_DEFAULTS.panelEncoding,
      });
    } catch (e) {
      if (e instanceof PrinterTimeoutError) throw new PrinterOfflineError(`no printer answers on ${transport.name}`, e.command, { cause: e });
      throw e;
    }
  }

  /** Counters of the command channel (commands, time-outs, retries, resynchronisations, stale replies, bytes). */
  get stats(): Readonly<ChannelStats> {
    return this.channel.stats;
  }

  /**
   * The status (`Rst`). Never throws for a printer that does not answer or whose link is gone: that is the
   * `offline` state, with the reason in `detail`.
   */
  async status(): Promise<PrinterStatus> {
    let reply: string;
    try {
      reply = await this.channel.send({ name: 'Rst', params: [], cls: 'read', expect: SHAPES.status });
    } catch (e) {
      if (e instanceof PrinterTimeoutError || e instanceof PrinterOfflineError || e instanceof PrinterProtocolError) {
        return offlineStatus(e.message);
      }
      throw e;
    }
    return parseStatusReply(reply);
  }

  /** The feeder (`Sk;f`). */
  async feederState(): Promise<FeederState> {
    return FEEDER[await this.channel.send({ name: 'Sk', params: ['f'], cls: 'read', expect: SHAPES.feeder })]!;
  }

  /** Ribbon panels left (`Rrt;count`). */
  async ribbonPanelsLeft(): Promise<number> {
    return readCount(this.channel, 'Rrt', 'count');
  }

  /** Ribbon type (`Rrt;type`), e.g. `YMCKO`. */
  async ribbonType(): Promise<string> {
    return this.channel.send({ name: 'Rrt', params: ['type'], cls: 'read', expect: SHAPES.text });
  }

  /** Counters (`Rco;c`, `Rco;p`, `Rco;r`). */
  async counters(): Promise<PrinterCounters> {
    return {
      inserted: await readCount(this.channel, 'Rco', 'c'),
      printed: await readCount(this.channel, 'Rco', 'p'),
      rejected: await readCount(this.channel, 'Rco', 'r'),
    };
  }

  /** Where the card is (`Rlr;p`). */
  async cardPosition(): Promise<CardPosition> {
    return POSITIONS[await this.channel.send({ name: 'Rlr', params: ['p'], cls: 'read', expect: SHAPES.position })]!;
  }

  /** True when the cover is open (`Rse;o`). */
  async coverOpen(): Promise<boolean> {
    return (await this.channel.send({ name: 'Rse', params: ['o'], cls: 'read', expect: SHAPES.cover })) === 'OPEN';
  }

  /**
   * `Sis`, then polls `Rlr;p` until the printer reports `SMART CARD`.
   * @throws the typed condition error of a refusal (FeederEmptyError, CardJamError, CoverOpenError,
   *   RejectBoxFullError), PrinterTimeoutError (card position unknown), or CardPositionError when the card is not
   *   reported at the station within `insertConfirmMs`
   */
  async feedToContactStation(): Promise<void> {
    await expectOk(this.channel, 'Sis', [], 'move');
    const deadline = this.clock.now() + this.settings.insertConfirmMs;
    for (;;) {
      const position = await this.cardPosition();
      if (position === 'smart-card') return;
      if (this.clock.now() >= deadline) throw new CardPositionError('Sis', 'contact station', position, this.settings.insertConfirmMs);
      await this.channel.sleep(this.settings.positionPollMs);
    }
  }

  /**
   * Prints the job: `Ss`, `Sr` and the five YMCKO panels of the front, `Sv` and those of the back when there is one,
   * then `Sp`. Panels are checked before anything is sent.
   * @throws PanelFormatError (nothing sent), the typed error of a refusal, PrinterTimeoutError
   */
  async print(job: PrintPanels): Promise<void> {
    checkPanel(job.front, 'front');
    if (job.back !== undefined) checkPanel(job.back, 'back');
    // Encode everything first: a failure here must not leave half a job in the printer.
    const front = this.encodeSide(job.front);
    const back = job.back === undefined ? undefined : this.encodeSide(job.back);
    await expectOk(this.channel, 'Ss', [], 'job');
    await this.downloadSide('Sr', front);
    if (back !== undefined) await this.downloadSide('Sv', back);
    await expectOk(this.channel, 'Sp', [], 'print');
  }

  /** `Se`: the card goes to the output hopper. */
  async eject(): Promise<void> {
    await expectOk(this.channel, 'Se', [], 'move');
  }

  /** `Ser`: the card goes to the reject box. */
  async reject(): Promise<void> {
    await expectOk(this.channel, 'Ser', [], 'move');
  }

  /** Closes the transport. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  private encodeSide(panel: RgbPanel): { panel: string; data: Uint8Array }[] {
    const planes = splitRgb(panel.rgb);
    return YMCKO.map((name) => ({ panel: name, data: encodePanelData(planes[name], this.settings.panelEncoding) }));
  }

  private async downloadSide(select: 'Sr' | 'Sv', panels: { panel: string; data: Uint8Array }[]): Promise<void> {
    await expectOk(this.channel, select, [], 'job');
    for (const { panel, data } of panels) await expectOk(this.channel, 'Db', [panel, this.settings.panelEncoding], 'download', data);
  }
}

/** Reply shapes of the commands. */
const SHAPES = {
  ok: { test: (r: string) => r === 'OK', description: 'OK' },
  count: { test: (r: string) => /^\d{1,15}$/.test(r), description: 'a number' },
  text: { test: (r: string) => r !== 'OK', description: 'a value' },
  position: { test: (r: string) => r in POSITIONS, description: 'OK, CARD, SMART CARD or CONTACTLESS CARD' },
  feeder: { test: (r: string) => r in FEEDER, description: 'a feeder code 0-3' },
  cover: { test: (r: string) => r === 'OPEN' || r === 'CLOSED', description: 'OPEN or CLOSED' },
  status: { test: (r: string) => r === 'OK' || /^(?:(?:INF|WAR|ERR)_[A-Z0-9_]+)(?:;(?:INF|WAR|ERR)_[A-Z0-9_]+)*$/.test(r), description: 'status flags' },
} satisfies Record<string, ReplyShape>;

async function expectOk(channel: CommandChannel, name: string, params: string[], cls: CommandClass, payload?: Uint8Array): Promise<void> {
  await channel.send({ name, params, cls, payload, expect: SHAPES.ok });
}

async function readCount(channel: CommandChannel, name: string, param: string): Promise<number> {
  return Number(await channel.send({ name, params: [param], cls: 'read', expect: SHAPES.count }));
}
