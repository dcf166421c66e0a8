/** The status reply: flags sorted into information, warnings and errors; the major state; typed problems. */
import { CardJamError, CoverOpenError, PrinterProtocolError } from '../../../src/devices/printer/errors';
import { offlineStatus, parseStatusReply } from '../../../src/devices/printer/status';

test('OK is a printer with nothing to say: ready', () => {
  expect(parseStatusReply('OK')).toEqual({ state: 'ready', information: [], warnings: [], errors: [], unknown: [], problems: [] });
});

test('information only is ready; a warning makes warning; any error makes error', () => {
  expect(parseStatusReply('INF_CARD_FEEDER;INF_CARD_SMART_STATION').state).toBe('ready');
  expect(parseStatusReply('INF_CARD_FEEDER;WAR_FEEDER_NEAR_EMPTY').state).toBe('warning');
  const s = parseStatusReply('INF_CARD_PRINT_HEAD;WAR_RIBBON_LOW;ERR_COVER_OPEN;ERR_CARD_JAM');
  expect(s.state).toBe('error');
  expect(s.information).toEqual(['INF_CARD_PRINT_HEAD']);
  expect(s.warnings).toEqual(['WAR_RIBBON_LOW']);
  expect(s.errors).toEqual(['ERR_COVER_OPEN', 'ERR_CARD_JAM']);
  expect(s.problems[0]).toBeInstanceOf(CoverOpenError);
  expect(s.problems[1]).toBeInstanceOf(CardJamError);
  expect(s.problems.map((p) => p.operatorAction)).toEqual(['close the cover', 'open the cover, remove the card, close the cover']);
});

test('every documented error flag has its operator action', () => {
  const s = parseStatusReply('ERR_FEEDER_EMPTY;ERR_RIBBON_ENDED;ERR_COVER_OPEN;ERR_CARD_JAM;ERR_REJECT_BOX_FULL;ERR_HEAD_TEMPERATURE');
  expect(s.problems.map((p) => [p.flag, p.operatorAction])).toEqual([
    ['ERR_FEEDER_EMPTY', 'refill the feeder'],
    ['ERR_RIBBON_ENDED', 'replace the ribbon'],
    ['ERR_COVER_OPEN', 'close the cover'],
    ['ERR_CARD_JAM', 'open the cover, remove the card, close the cover'],
    ['ERR_REJECT_BOX_FULL', 'empty the reject box'],
    ['ERR_HEAD_TEMPERATURE', 'wait for the print head to cool down, then go on'],
  ]);
});

test('an unknown but well-formed flag is kept, and an unknown ERR_ still stops the station', () => {
  const s = parseStatusReply('INF_CARD_FEEDER;ERR_LAMINATOR_JAM');
  expect(s.unknown).toEqual(['ERR_LAMINATOR_JAM']);
  expect(s.errors).toEqual(['ERR_LAMINATOR_JAM']);
  expect(s.state).toBe('error');
  expect(s.problems).toEqual([]);
});

test('items that are not flag names are a protocol error', () => {
  for (const bad of ['', 'INF_CARD_FEEDER;', 'READY', 'inf_card', 'ERR_X;;WAR_Y']) {
    expect(() => parseStatusReply(bad)).toThrow(PrinterProtocolError);
  }
});

test('offline carries the reason', () => {
  expect(offlineStatus('no answer')).toMatchObject({ state: 'offline', detail: 'no answer', errors: [] });
});
