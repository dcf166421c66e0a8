/** The handler's typed errors: the line tells them apart by class, and reads what to do from them. */
import {
  HandlingAbortedError,
  HandlingError,
  HandlingFeedError,
  HandlingJamError,
  HandlingRefusedError,
  HandlingTimeoutError,
  NoBlankError,
} from '../../../src/devices/handling';

test('every failure is a HandlingError with its own name and the operation it interrupted', () => {
  const errors: [HandlingError, string, string][] = [
    [new HandlingJamError('card C1 jammed', 'transfer', 'clear the jam between a and b', 'C1'), 'HandlingJamError', 'transfer'],
    [new HandlingTimeoutError('stack', 15_000), 'HandlingTimeoutError', 'stack'],
    [new NoBlankError(), 'NoBlankError', 'feed'],
    [new HandlingFeedError(), 'HandlingFeedError', 'feed'],
    [new HandlingRefusedError('no card at the exit of qc-1', 'reject', 'no-card'), 'HandlingRefusedError', 'reject'],
    [new HandlingAbortedError('sense'), 'HandlingAbortedError', 'sense'],
  ];
  for (const [e, name, operation] of errors) {
    expect(e).toBeInstanceOf(HandlingError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe(name);
    expect(e.operation).toBe(operation);
  }
  // The distinctions recovery relies on: a time-out is not a jam, a misfeed is not an empty feeder.
  expect(errors[1]![0]).not.toBeInstanceOf(HandlingJamError);
  expect(errors[3]![0]).not.toBeInstanceOf(NoBlankError);
});

test('the errors carry what the console and recovery need', () => {
  const jam = new HandlingJamError('card C1 jammed', 'transfer', 'clear the jam between a and b (take card C1 out)', 'C1');
  expect(jam).toMatchObject({ operatorAction: 'clear the jam between a and b (take card C1 out)', cardId: 'C1' });
  expect(new HandlingTimeoutError('feed', 2_500).message).toBe('the card handler did not confirm feed within 2500 ms');
  expect(new HandlingTimeoutError('feed', 2_500).timeoutMs).toBe(2_500);
  expect(new HandlingRefusedError('x', 'feed', 'occupied').reason).toBe('occupied');
  expect(new NoBlankError().message).toBe('the input feeder is empty: load blanks');
});
