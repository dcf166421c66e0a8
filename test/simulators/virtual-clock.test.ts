import { VirtualClock } from '../../src/simulators/virtual-clock';

describe('VirtualClock', () => {
  it('fires timers in due order, equal due times in creation order, and only when time reaches them', async () => {
    const clock = new VirtualClock(1000);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@30'), 30);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@30'), 30);
    await clock.advance(9);
    expect(fired).toEqual([]);
    expect(clock.now()).toBe(1009);
    await clock.advance(21);
    expect(fired).toEqual(['a@10', 'b@30', 'c@30']);
    expect(clock.now()).toBe(1030);
  });

  it('cleared timers never fire', async () => {
    const clock = new VirtualClock();
    let fired = false;
    const id = clock.setTimeout(() => (fired = true), 5);
    clock.clearTimeout(id);
    await clock.advance(10);
    expect(fired).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('lets promise chains react between timers, so a time-out races a reply correctly', async () => {
    const clock = new VirtualClock();
    const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));
    const log: string[] = [];
    const worker = (async () => {
      await wait(10);
      log.push(`step1 at ${clock.now()}`);
      await wait(10); // armed only after step 1 ran: due at 20
      log.push(`step2 at ${clock.now()}`);
    })();
    await clock.advance(25);
    await worker;
    expect(log).toEqual(['step1 at 10', 'step2 at 20']);
  });

  it('runUntilIdle jumps from timer to timer until the condition holds', async () => {
    const clock = new VirtualClock();
    let ticks = 0;
    const tick = () => {
      ticks++;
      clock.setTimeout(tick, 1000);
    };
    clock.setTimeout(tick, 1000);
    await clock.runUntilIdle(() => ticks >= 500);
    expect(ticks).toBe(500);
    expect(clock.now()).toBe(500_000);
  });

  it('refuses to spin forever', async () => {
    const clock = new VirtualClock();
    const again = () => clock.setTimeout(again, 0);
    clock.setTimeout(again, 0);
    await expect(clock.runUntilIdle(() => false, 100)).rejects.toThrow(/more than 100 timers/);
  });
});
