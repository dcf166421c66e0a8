/**
 * The command subset cardline speaks, each with its class. The class decides the time-out and whether a command
 * may be retried: only reads and idempotent settings are; a card move or a print is never re-sent blindly, since
 * sending "eject" or "print" twice moves or prints a second card. See PROTOCOL.md.
 */

/** How a command behaves on the wire. */
export type CommandClass =
  /** Reads state; idempotent, retried; read time-out. */
  | 'read'
  /** Sets a parameter to a value; idempotent, retried; read time-out. */
  | 'setting'
  /** Prepares the print job in the printer's memory (Ss, Sr, Sv); not retried; read time-out. */
  | 'job'
  /** Downloads a panel (Db); not retried; download time-out plus time for the bytes. */
  | 'download'
  /** Moves a card; never retried; move time-out. */
  | 'move'
  /** Prints the job; never retried; print time-out. */
  | 'print';

/** The commands, their class and meaning. */
export const PRINTER_COMMANDS = {
  Pem: { class: 'setting', text: 'Pem;2', meaning: 'host-managed errors: the printer reports, the host decides' },
  Rtp: { class: 'read', text: 'Rtp', meaning: 'model' },
  Rsn: { class: 'read', text: 'Rsn', meaning: 'serial number' },
  Rfv: { class: 'read', text: 'Rfv', meaning: 'firmware version' },
  Rst: { class: 'read', text: 'Rst', meaning: 'status flags' },
  Sk: { class: 'read', text: 'Sk;f', meaning: 'feeder state' },
  Rrt: { class: 'read', text: 'Rrt;count | Rrt;type', meaning: 'ribbon panels left, ribbon type' },
  Rco: { class: 'read', text: 'Rco;c | Rco;p | Rco;r', meaning: 'counters: cards inserted, printed, rejected' },
  Rlr: { class: 'read', text: 'Rlr;p', meaning: 'card position' },
  Rse: { class: 'read', text: 'Rse;o', meaning: 'cover sensor' },
  Sis: { class: 'move', text: 'Sis', meaning: 'insert a card and park it at the contact station' },
  Se: { class: 'move', text: 'Se', meaning: 'eject the card to the output hopper' },
  Ser: { class: 'move', text: 'Ser', meaning: 'eject the card to the reject box' },
  Ss: { class: 'job', text: 'Ss', meaning: 'start a print job (clears downloaded panels)' },
  Sr: { class: 'job', text: 'Sr', meaning: 'select the front (recto) for the next downloads' },
  Sv: { class: 'job', text: 'Sv', meaning: 'select the back (verso) for the next downloads' },
  Db: { class: 'download', text: 'Db;<panel>;<encoding>;<length>;<data>', meaning: 'download one ribbon panel' },
  Sp: { class: 'print', text: 'Sp', meaning: 'print the job on the card in the printer (or a fed one)' },
} as const satisfies Record<string, { class: CommandClass; text: string; meaning: string }>;

/** A command name cardline sends. */
export type PrinterCommandName = keyof typeof PRINTER_COMMANDS;

/** True for the classes a driver may retry. */
export function isRetryable(cls: CommandClass): boolean {
  return cls === 'read' || cls === 'setting';
}
