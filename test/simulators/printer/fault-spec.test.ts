/** The --faults language: what parses, what each entry means, and the messages for what does not. */
import { FaultSpecError, formatFaultSpec, parseFaultSpec } from '../../../src/simulators/printer/fault-spec';
import { PrinterFaultPlan } from '../../../src/simulators/printer/fault-plan';

test('rates and scripted entries, with jam as jam-print', () => {
  expect(parseFaultSpec('feed=0.01,jam=0.005,ribbon=0.001,cover=1,rejectfull=0,garble=.5,silent=1e-3,jam-insert@3,garble@12')).toEqual({
    rates: { feed: 0.01, 'jam-print': 0.005, ribbon: 0.001, cover: 1, rejectfull: 0, garble: 0.5, silent: 0.001 },
    scripted: [
      { kind: 'jam-insert', at: 3 },
      { kind: 'garble', at: 12 },
    ],
  });
  expect(parseFaultSpec('')).toEqual({ rates: {}, scripted: [] });
  expect(parseFaultSpec(' jam @ 2 , jam@5 ')).toEqual({ rates: {}, scripted: [{ kind: 'jam-print', at: 2 }, { kind: 'jam-print', at: 5 }] });
});

test('bad specs are refused with the entry and what is expected', () => {
  const cases: [string, string][] = [
    ['jamm=0.1', 'unknown fault "jamm" in "jamm=0.1"; known kinds: feed, jam-insert, jam-print, ribbon, cover, rejectfull, garble, silent, jam'],
    ['jam=1.5', 'rate in "jam=1.5" must be a number from 0 to 1'],
    ['jam=-0.1', 'rate in "jam=-0.1" must be a number from 0 to 1'],
    ['jam=abc', 'rate in "jam=abc" must be a number from 0 to 1'],
    ['jam@0', '"jam@0": the card number must be a whole number from 1'],
    ['garble@x', '"garble@x": the command number must be a whole number from 1'],
    ['jam', 'fault entry "jam" must be KIND=RATE or KIND@N'],
    ['jam=0.1,,feed=0.1', 'empty entry in fault spec "jam=0.1,,feed=0.1"'],
    ['jam=0.1,jam-print=0.2', 'fault "jam-print" has two rates'],
  ];
  for (const [spec, message] of cases) {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(spec)).toThrow(message);
  }
});

test('formatting gives back a spec that parses to the same', () => {
  const spec = parseFaultSpec('feed=0.25,jam-insert@3');
  expect(formatFaultSpec(spec)).toBe('feed=0.25,jam-insert@3');
  expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
  expect(formatFaultSpec(parseFaultSpec(''))).toBe('none');
});

test('a scripted fault strikes once, at its number (or the first opportunity past it)', () => {
  const plan = new PrinterFaultPlan(parseFaultSpec('jam-insert@3'), 1);
  expect([1, 2, 3, 4, 5].map((n) => plan.strikes('jam-insert', n))).toEqual([false, false, true, false, false]);
  const late = new PrinterFaultPlan(parseFaultSpec('feed@2'), 1);
  expect([1, 5, 6].map((n) => late.strikes('feed', n))).toEqual([false, true, false]);
});

test('rate 1 always strikes, rate 0 and absent kinds never; armed faults strike at the next opportunity', () => {
  const plan = new PrinterFaultPlan(parseFaultSpec('cover=1,feed=0'), 'x');
  expect([1, 2, 3].map((n) => plan.strikes('cover', n))).toEqual([true, true, true]);
  expect([1, 2, 3].map((n) => plan.strikes('feed', n))).toEqual([false, false, false]);
  plan.arm('garble');
  plan.arm('garble');
  expect(plan.pendingArmed).toEqual(['garble', 'garble']);
  expect([1, 2, 3].map((n) => plan.strikes('garble', n))).toEqual([true, true, false]);
});
