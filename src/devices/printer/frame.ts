/**
 * The Evolis-style frame: `ESC` (0x1B), the command text with `;`-separated parameters, `CR` (0x0D). Commands that
 * carry binary data (panel downloads) put its length as the last text parameter, then `;`, the bytes, and the CR:
 * the length is what lets the printer read past CR bytes inside the data. See PROTOCOL.md.
 */

/** Frame start. */
export const ESC = 0x1b;
/** Frame end, and the end of every reply. */
export const CR = 0x0d;
/** Line feed: tolerated right after a reply's CR (some adapters turn CR into CR LF), nowhere else. */
export const LF = 0x0a;

/** Longest command text (name and parameters, without ESC, CR and binary data). */
export const MAX_COMMAND_TEXT = 512;
/** Longest reply, without its CR. A status with every flag set is about 250 characters. */
export const MAX_REPLY_BYTES = 1024;
/** Largest binary payload of one command: a raw 1016 x 648 panel is 658,368 bytes. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/**
 * The commands that carry binary data, with the number of text parameters before the length. `Db;<panel>;<encoding>;
 * <length>;<data>` has two.
 */
export const BINARY_COMMANDS: Readonly<Record<string, number>> = { Db: 2 };

const TEXT_CHAR = /^[\x20-\x7e]*$/;

/**
 * Encodes one command. `params` must not contain `;`, and the whole text must be printable ASCII. With a payload
 * (only for {@link BINARY_COMMANDS}), its length is appended as the last parameter.
 * @throws RangeError for text the frame cannot carry (a host bug)
 */
export function encodeCommand(name: string, params: readonly string[] = [], payload?: Uint8Array): Uint8Array {
  if (!/^[A-Za-z]+$/.test(name)) throw new RangeError(`bad printer command name "${name}"`);
  for (const p of params) {
    if (p.includes(';') || !TEXT_CHAR.test(p)) throw new RangeError(`bad parameter "${p}" for printer command ${name}`);
  }
  const binaryParams = BINARY_COMMANDS[name];
  if ((payload !== undefined) !== (binaryParams !== undefined)) {
    throw new RangeError(`printer command ${name} ${payload === undefined ? 'needs' : 'takes no'} binary data`);
  }
  if (payload !== undefined && params.length !== binaryParams) {
    throw new RangeError(`printer command ${name} takes ${binaryParams} parameters before its data, got ${params.length}`);
  }
  if (payload !== undefined && payload.length > MAX_PAYLOAD_BYTES) {
    throw new RangeError(`printer command ${name}: ${payload.length} bytes of data is over the ${MAX_PAYLOAD_BYTES}-byte limit`);
  }
  const text = [name, ...params].join(';') + (payload === undefined ? '' : `;${payload.length};`);
  if (text.length > MAX_COMMAND_TEXT) throw new RangeError(`printer command text is over ${MAX_COMMAND_TEXT} characters`);
  const frame = new Uint8Array(text.length + 2 + (payload?.length ?? 0));
  frame[0] = ESC;
  for (let i = 0; i < text.length; i++) frame[i + 1] = text.charCodeAt(i);
  if (payload !== undefined) frame.set(payload, text.length + 1);
  frame[frame.length - 1] = CR;
  return frame;
}

/** The command as it appears in messages and logs: its text without binary data, e.g. `Db;y;zlib;51234`. */
export function commandLabel(name: string, params: readonly string[] = [], payload?: Uint8Array): string {
  return [name, ...params, ...(payload === undefined ? [] : [String(payload.length)])].join(';');
}

/** A reply as bytes: its text and CR (for the printer side and for tests). */
export function encodeReply(text: string): Uint8Array {
  const out = new Uint8Array(text.length + 1);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  out[text.length] = CR;
  return out;
}
