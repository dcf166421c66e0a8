/**
 * The vpcd bridge against a fake vpcd (a TCP server playing pcscd's side): ATR, power and reset, APDUs in
 * order, faults (dead chip, tearing, slow chip), connection retries and removal. No pcscd needed.
 */
import { NoCardError } from '../../../src/devices/chip/errors';
import { VirtualChip } from '../../../src/simulators/chip/virtual-chip';
import { MUTE_ATR, VpcdBridge, VpcdUnavailableError, type VpcdBridgeEvent, type VpcdCard } from '../../../src/simulators/chip/vpcd-bridge';
import { VPCD_CONTROL } from '../../../src/simulators/chip/vpcd-framing';
import { FakeVpcd, FakeVpcdPeer, freePort } from './fake-vpcd';

const SELECT_APP = Uint8Array.of(0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01);
const GET_CHALLENGE = Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x08);

let vpcd: FakeVpcd;
const bridges: VpcdBridge[] = [];
beforeEach(async () => {
  vpcd = await FakeVpcd.listen();
});
afterEach(async () => {
  await Promise.all(bridges.splice(0).map((b) => b.close()));
  await vpcd.close();
});

async function attach(card: VpcdCard, events: VpcdBridgeEvent[] = []): Promise<{ bridge: VpcdBridge; peer: FakeVpcdPeer }> {
  const bridge = await VpcdBridge.attach(card, { port: vpcd.port, onEvent: (e) => events.push(e) });
  bridges.push(bridge);
  return { bridge, peer: await vpcd.peer(bridges.length - 1) };
}

describe('a healthy chip', () => {
  test('answers get-ATR with the ATR, power and reset with nothing, APDUs with the response', async () => {
    const chip = new VirtualChip({ seed: 'bridge-ok' });
    const events: VpcdBridgeEvent[] = [];
    const { bridge, peer } = await attach(chip, events);
    peer.control(VPCD_CONTROL.GET_ATR);
    expect(await peer.answer()).toEqual(chip.atr);
    expect(await bridge.whenSeen(100)).toBe(true);
    peer.control(VPCD_CONTROL.POWER_ON);
    expect(await peer.silentFor(50)).toBe(true);
    peer.control(VPCD_CONTROL.GET_ATR);
    expect(await peer.answer()).toEqual(chip.atr);
    peer.apdu(SELECT_APP);
    expect(await peer.answer()).toEqual(Uint8Array.of(0x90, 0x00));
    peer.control(VPCD_CONTROL.RESET);
    peer.control(VPCD_CONTROL.POWER_OFF);
    expect(await peer.silentFor(50)).toBe(true);
    expect(events.map((e) => e.kind)).toEqual(['connected', 'seen', 'power-on', 'apdu', 'power-on', 'power-off']);
    expect(events.find((e) => e.kind === 'apdu')).toMatchObject({ header: '00A4040C', sw: 0x9000 });
  });

  test('a frame split into single bytes and frames glued together are both understood', async () => {
    const chip = new VirtualChip({ seed: 'bridge-split' });
    const { peer } = await attach(chip);
    peer.control(VPCD_CONTROL.POWER_ON);
    for (const b of FakeVpcdPeer.frame(SELECT_APP)) {
      peer.sendRaw(Uint8Array.of(b));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await peer.answer()).toEqual(Uint8Array.of(0x90, 0x00));
    peer.sendRaw(Buffer.concat([FakeVpcdPeer.frame(GET_CHALLENGE), FakeVpcdPeer.frame(Uint8Array.of(VPCD_CONTROL.GET_ATR))]));
    expect((await peer.answer()).length).toBe(10);
    expect(await peer.answer()).toEqual(chip.atr);
  });

  test('the ATR of a card not yet powered is learnt without leaving it powered', async () => {
    const chip = new VirtualChip({ seed: 'bridge-probe' });
    const { peer } = await attach(chip);
    peer.control(VPCD_CONTROL.GET_ATR);
    expect(await peer.answer()).toEqual(chip.atr);
    // Unpowered (the probe powered it off again): a command gets 6F00, not the card.
    peer.apdu(SELECT_APP);
    expect(await peer.answer()).toEqual(Uint8Array.of(0x6f, 0x00));
    expect(chip.inspect().apdus).toBe(0);
  });

  test('close() takes the card out: vpcd sees the connection end', async () => {
    const { bridge, peer } = await attach(new VirtualChip({ seed: 'bridge-close' }));
    await bridge.close();
    await peer.whenClosed();
    expect(await bridge.removed).toBe('closed');
    expect(bridge.inserted).toBe(false);
  });

  test('vpcd closing the connection ends the bridge with "vpcd-closed"', async () => {
    const { bridge, peer } = await attach(new VirtualChip({ seed: 'bridge-vpcd-closes' }));
    peer.socket.destroy();
    expect(await bridge.removed).toBe('vpcd-closed');
  });
});

describe('faults', () => {
  test('a dead chip answers get-ATR with one invalid byte, before and after power-on', async () => {
    const events: VpcdBridgeEvent[] = [];
    const { peer } = await attach(new VirtualChip({ seed: 'bridge-dead', faults: [{ kind: 'dead' }] }), events);
    peer.control(VPCD_CONTROL.GET_ATR);
    expect(await peer.answer()).toEqual(MUTE_ATR);
    peer.control(VPCD_CONTROL.POWER_ON);
    peer.control(VPCD_CONTROL.GET_ATR);
    expect(await peer.answer()).toEqual(MUTE_ATR);
    expect(events.find((e) => e.kind === 'power-on')).toEqual({ kind: 'power-on', reset: false, mute: true });
  });

  test('tearing: the card leaves during UPDATE BINARY, no answer, the connection closes', async () => {
    const chip = new VirtualChip({ seed: 'bridge-tear', faults: [{ kind: 'tearing', atByte: 2 }] });
    const { bridge, peer } = await attach(chip);
    peer.control(VPCD_CONTROL.POWER_ON);
    peer.apdu(SELECT_APP);
    await peer.answer();
    peer.apdu(Uint8Array.of(0x00, 0xe0, 0x00, 0x00, 0x06, 0x63, 0x04, 0x00, 0x10, 0x01, 0x01));
    await peer.answer();
    peer.apdu(Uint8Array.of(0x00, 0xd6, 0x00, 0x00, 0x04, 1, 2, 3, 4));
    await expect(peer.answer()).rejects.toThrow(/closed without an answer/);
    expect(await bridge.removed).toBe('card-left-field');
    expect(chip.inspect().present).toBe(false);
  });

  test('a slow chip: answers come late and in order', async () => {
    const chip = new VirtualChip({ seed: 'bridge-slow', faults: [{ kind: 'slow', delayMs: 150 }] });
    const { peer } = await attach(chip);
    peer.control(VPCD_CONTROL.POWER_ON);
    const started = Date.now();
    peer.apdu(SELECT_APP);
    peer.apdu(GET_CHALLENGE);
    expect(await peer.answer()).toEqual(Uint8Array.of(0x90, 0x00));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await peer.answer()).length).toBe(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('a card whose process() fails unexpectedly answers 6F00 and reports it', async () => {
    const events: VpcdBridgeEvent[] = [];
    const card: VpcdCard = {
      powerOn: () => Uint8Array.of(0x3b, 0x00),
      powerOff: () => undefined,
      process: () => {
        throw new Error('boom');
      },
    };
    const { peer } = await attach(card, events);
    peer.control(VPCD_CONTROL.POWER_ON);
    peer.apdu(SELECT_APP);
    expect(await peer.answer()).toEqual(Uint8Array.of(0x6f, 0x00));
    expect(events).toContainEqual({ kind: 'card-error', message: 'boom' });
    peer.apdu(SELECT_APP);
    expect(await peer.answer()).toEqual(Uint8Array.of(0x6f, 0x00));
  });

  test('a card that leaves the field on reset ends the bridge', async () => {
    const card: VpcdCard = {
      powerOn: () => {
        throw new NoCardError('gone');
      },
      powerOff: () => undefined,
      process: () => Uint8Array.of(0x90, 0x00),
    };
    const { bridge, peer } = await attach(card);
    peer.control(VPCD_CONTROL.POWER_ON);
    expect(await bridge.removed).toBe('card-left-field');
  });
});

describe('connecting', () => {
  test('vpcd not listening yet: retries with back-off and attaches once it listens', async () => {
    const port = await freePort();
    const events: VpcdBridgeEvent[] = [];
    const late = new Promise<FakeVpcd>((resolve) => setTimeout(() => void FakeVpcd.listen(port).then(resolve), 250));
    const bridge = await VpcdBridge.attach(new VirtualChip({ seed: 'bridge-late' }), { port, connectWithinMs: 3000, onEvent: (e) => events.push(e) });
    bridges.push(bridge);
    const server = await late;
    const connected = events.find((e) => e.kind === 'connected');
    expect(connected).toBeDefined();
    expect((connected as { attempts: number }).attempts).toBeGreaterThan(1);
    await bridge.close();
    await server.close();
  });

  test('vpcd never there: VpcdUnavailableError within the bound, naming pcscd', async () => {
    const port = await freePort();
    const started = Date.now();
    const e = await VpcdBridge.attach(new VirtualChip({ seed: 'bridge-none' }), { port, connectWithinMs: 300 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(VpcdUnavailableError);
    expect((e as Error).message).toMatch(/vpcd is not reachable at 127\.0\.0\.1:\d+ after \d+ attempt\(s\).*ECONNREFUSED.*pcscd/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('aborting stops the attempts', async () => {
    const port = await freePort();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    await expect(VpcdBridge.attach(new VirtualChip({ seed: 'bridge-abort' }), { port, connectWithinMs: 10_000, signal: controller.signal })).rejects.toThrow('stop');
  });
});
