/** Feeding virtual cards through a (fake) vpcd reader: one after another, each leaving after its host sessions. */
import { VirtualChip } from '../../../src/simulators/chip/virtual-chip';
import { feedCardsThroughVpcd, type VpcdFeederEvent } from '../../../src/simulators/chip/vpcd-card-feeder';
import { VPCD_CONTROL } from '../../../src/simulators/chip/vpcd-framing';
import { FakeVpcd, type FakeVpcdPeer } from './fake-vpcd';

const SELECT_APP = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);

/** One host session as pcscd runs it: power on, get ATR, a command, power off. */
async function session(peer: FakeVpcdPeer): Promise<void> {
  peer.control(VPCD_CONTROL.POWER_ON);
  peer.control(VPCD_CONTROL.GET_ATR);
  await peer.answer();
  peer.apdu(SELECT_APP);
  await peer.answer();
  peer.control(VPCD_CONTROL.POWER_OFF);
}

let vpcd: FakeVpcd;
beforeEach(async () => {
  vpcd = await FakeVpcd.listen();
});
afterEach(async () => {
  await vpcd.close();
});

test('each card leaves after two sessions and the next one comes; the run ends after --count cards', async () => {
  const events: VpcdFeederEvent[] = [];
  const run = feedCardsThroughVpcd({ port: vpcd.port, count: 2, makeCard: (i) => new VirtualChip({ seed: `feed/${i}` }), onEvent: (e) => events.push(e) });
  for (const index of [0, 1]) {
    const peer = await vpcd.peer(index);
    await session(peer);
    expect(peer.closed).toBe(false);
    await session(peer);
    await peer.whenClosed();
  }
  expect(await run).toEqual({ inserted: 2, done: 2 });
  const perCard = (card: number) => events.filter((e) => e.card === card && e.kind !== 'powered').map((e) => e.kind);
  expect(perCard(1)).toEqual(['inserted', 'session-ended', 'session-ended', 'removed']);
  expect(events.filter((e) => e.kind === 'removed')).toEqual([
    { kind: 'removed', card: 1, reason: 'done' },
    { kind: 'removed', card: 2, reason: 'done' },
  ]);
});

test('a power cycle without any APDU is no session (pcscd powers cards at insertion)', async () => {
  const events: VpcdFeederEvent[] = [];
  const run = feedCardsThroughVpcd({ port: vpcd.port, count: 1, sessionsPerCard: 1, makeCard: () => new VirtualChip({ seed: 'feed-idle' }), onEvent: (e) => events.push(e) });
  const peer = await vpcd.peer(0);
  peer.control(VPCD_CONTROL.POWER_ON);
  peer.control(VPCD_CONTROL.POWER_OFF);
  expect(await peer.silentFor(50)).toBe(true);
  expect(peer.closed).toBe(false);
  await session(peer);
  expect(await run).toEqual({ inserted: 1, done: 1 });
});

test('a torn card leaves by itself and the next card is inserted', async () => {
  const events: VpcdFeederEvent[] = [];
  const controller = new AbortController();
  const run = feedCardsThroughVpcd({
    port: vpcd.port,
    count: 5,
    signal: controller.signal,
    makeCard: (i) => new VirtualChip({ seed: `feed-tear/${i}`, faults: [{ kind: 'tearing', atByte: 0 }] }),
    onEvent: (e) => events.push(e),
  });
  const peer = await vpcd.peer(0);
  peer.control(VPCD_CONTROL.POWER_ON);
  peer.apdu(SELECT_APP);
  await peer.answer();
  peer.apdu(Uint8Array.of(0x00, 0xe0, 0x00, 0x00, 0x06, 0x63, 0x04, 0x00, 0x10, 0x01, 0x01));
  await peer.answer();
  peer.apdu(Uint8Array.of(0x00, 0xd6, 0x00, 0x00, 0x02, 0xaa, 0xbb));
  await peer.whenClosed();
  await vpcd.peer(1);
  controller.abort();
  expect(await run).toEqual({ inserted: 2, done: 0 });
  expect(events.filter((e) => e.kind === 'removed')).toEqual([
    { kind: 'removed', card: 1, reason: 'card-left-field' },
    { kind: 'removed', card: 2, reason: 'stopped' },
  ]);
});

test('a card vpcd drops is attached again (it is still in the slot)', async () => {
  const events: VpcdFeederEvent[] = [];
  const controller = new AbortController();
  const run = feedCardsThroughVpcd({ port: vpcd.port, count: 1, signal: controller.signal, makeCard: () => new VirtualChip({ seed: 'feed-drop' }), onEvent: (e) => events.push(e) });
  (await vpcd.peer(0)).socket.destroy();
  await vpcd.peer(1);
  controller.abort();
  await run;
  expect(events.map((e) => e.kind)).toEqual(['inserted', 'reattaching', 'removed']);
});

test('count must be positive', async () => {
  await expect(feedCardsThroughVpcd({ port: vpcd.port, count: 0, makeCard: () => new VirtualChip({ seed: 'x' }) })).rejects.toThrow(RangeError);
});
