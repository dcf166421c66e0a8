/** The status flags the simulated printer raises, at the documented thresholds. */
import { Plant } from '../../../src/simulators/plant/plant';
import { PrinterMechanism } from '../../../src/simulators/printer/printer-mechanism';

function mechanism(): PrinterMechanism {
  const m = new PrinterMechanism({ plant: new Plant(), station: 'p', createBlanks: true, seed: 's', feederCapacity: 100, rejectCapacity: 20, cleaningInterval: 3 });
  m.ribbonPanels = 1000;
  return m;
}

test('feeder: near-empty at 10 cards or fewer, empty at none or after a pick failure', () => {
  const m = mechanism();
  expect(m.flags()).toEqual(['ERR_FEEDER_EMPTY']);
  m.load(11);
  expect(m.flags()).toEqual(['INF_CARD_FEEDER']);
  m.pick();
  expect(m.flags()).toEqual(['INF_CARD_FEEDER', 'WAR_FEEDER_NEAR_EMPTY']);
  m.pickFailure = true;
  expect(m.flags()).toEqual(['INF_CARD_FEEDER', 'WAR_FEEDER_NEAR_EMPTY', 'ERR_FEEDER_EMPTY']);
  expect(m.feederReply()).toBe('2');
});

test('ribbon: low at 50 panels or fewer, ended below one side (5 panels)', () => {
  const m = mechanism();
  m.load(50);
  m.ribbonPanels = 51;
  expect(m.flags()).toEqual(['INF_CARD_FEEDER']);
  m.ribbonPanels = 50;
  expect(m.flags()).toEqual(['INF_CARD_FEEDER', 'WAR_RIBBON_LOW']);
  m.ribbonPanels = 5;
  expect(m.flags()).toEqual(['INF_CARD_FEEDER', 'WAR_RIBBON_LOW']);
  m.ribbonPanels = 4;
  expect(m.flags()).toEqual(['INF_CARD_FEEDER', 'ERR_RIBBON_ENDED']);
});

test('reject box: near full with room for 5 or fewer, full at capacity; cleaning due after the interval', () => {
  const m = mechanism();
  m.load(50);
  for (let i = 0; i < 14; i++) {
    m.moveInside(m.pick(), 'contact-station');
    m.release('reject-box');
  }
  expect(m.flags()).toEqual(['INF_CARD_FEEDER']);
  m.moveInside(m.pick(), 'contact-station');
  m.release('reject-box');
  expect(m.flags()).toEqual(['INF_CARD_FEEDER', 'WAR_REJECT_BOX_NEAR_FULL']);
  for (let i = 0; i < 5; i++) {
    m.moveInside(m.pick(), 'contact-station');
    m.release('reject-box');
  }
  expect(m.flags()).toEqual(['INF_CARD_FEEDER', 'ERR_REJECT_BOX_FULL']);
  m.printedSinceCleaning = 3;
  expect(m.flags()).toContain('WAR_CLEANING_DUE');
});

test('positions as Rlr;p reports them', () => {
  const m = mechanism();
  m.load(2);
  expect(m.positionReply()).toBe('OK');
  const card = m.pick();
  expect(m.positionReply()).toBe('CARD');
  m.moveInside(card, 'contact-station');
  expect(m.positionReply()).toBe('SMART CARD');
  expect(m.flags()).toContain('INF_CARD_SMART_STATION');
  m.moveInside(card, 'print-head');
  expect(m.positionReply()).toBe('CARD');
  m.jamCard('print-head');
  expect(m.positionReply()).toBe('CARD');
  expect(m.flags()).toContain('ERR_CARD_JAM');
});
