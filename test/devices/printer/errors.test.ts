/** Refusal codes to typed errors, and the operator-facing texts. */
import {
  CardJamError,
  CoverOpenError,
  FeederEmptyError,
  HeadTemperatureError,
  PrinterCommandError,
  PrinterOfflineError,
  PrinterProtocolError,
  PrinterTimeoutError,
  RejectBoxFullError,
  RibbonEndedError,
  errorForNack,
  escapeBytes,
  leavesCardInDoubt,
} from '../../../src/devices/printer/errors';
import { parseReply } from '../../../src/devices/printer/reply';

test('each NACK code maps to its typed error (REFERENCE section 7 codes, plus B and H)', () => {
  const cases: [string, new (...a: never[]) => Error][] = [
    ['F', FeederEmptyError],
    ['R', RibbonEndedError],
    ['T', CardJamError],
    ['C', CoverOpenError],
    ['B', RejectBoxFullError],
    ['H', HeadTemperatureError],
    ['1', PrinterCommandError],
    ['2', PrinterCommandError],
    ['Z', PrinterCommandError],
  ];
  for (const [code, type] of cases) expect(errorForNack('Sis', code, 'X', `ERR;${code};X`)).toBeInstanceOf(type);
});

test('a condition error names the command, the reply and the action', () => {
  const e = errorForNack('Sis', 'F', 'FEEDER EMPTY', 'ERR;F;FEEDER EMPTY');
  expect(e.message).toBe('Sis: the card feeder is empty (printer answered ERR;F;FEEDER EMPTY); refill the feeder');
  expect(e.operatorMessage).toBe('The card feeder is empty.');
  expect(e.operatorAction).toBe('refill the feeder');
  expect(e.command).toBe('Sis');
});

test('a refusal of a command has no operator action: it is a host bug', () => {
  const e = errorForNack('Rco;x', '2', 'RCO TAKES C, P OR R', 'ERR;2;RCO TAKES C, P OR R') as PrinterCommandError;
  expect(e.message).toBe('Rco;x: the printer refused the command: bad parameter (RCO TAKES C, P OR R)');
  expect(e.operatorAction).toBeUndefined();
  expect(e.code).toBe('2');
});

test('replies: OK, values, refusals; ERR_ flags are values, not refusals', () => {
  expect(parseReply('OK')).toEqual({ kind: 'ok' });
  expect(parseReply('SMART CARD')).toEqual({ kind: 'value', value: 'SMART CARD' });
  expect(parseReply('ERR;F;FEEDER EMPTY')).toEqual({ kind: 'nack', code: 'F', text: 'FEEDER EMPTY' });
  expect(parseReply('ERR;2;A;B')).toEqual({ kind: 'nack', code: '2', text: 'A;B' });
  expect(parseReply('ERR')).toEqual({ kind: 'nack', code: '', text: '' });
  expect(parseReply('ERR CMD')).toEqual({ kind: 'nack', code: '', text: 'CMD' });
  expect(parseReply('ERR_FEEDER_EMPTY;ERR_CARD_JAM')).toEqual({ kind: 'value', value: 'ERR_FEEDER_EMPTY;ERR_CARD_JAM' });
});

test('raw bytes are shown escaped and bounded', () => {
  expect(escapeBytes(Uint8Array.of(0x4f, 0xcb, 0x0d, 0x0a, 0x5c))).toBe('"O\\xcb\\r\\n\\\\"');
  expect(escapeBytes(new Uint8Array(200).fill(0x41), 3)).toBe('"AAA" (+197 more bytes)');
});

test('only lost, unreadable or offline replies leave a card in doubt', () => {
  expect(leavesCardInDoubt(new PrinterTimeoutError('Se', 10))).toBe(true);
  expect(leavesCardInDoubt(new PrinterProtocolError('x', new Uint8Array()))).toBe(true);
  expect(leavesCardInDoubt(new PrinterOfflineError('gone'))).toBe(true);
  expect(leavesCardInDoubt(new CardJamError('Sp'))).toBe(false);
});
