/** The line fault language: parsing with clear errors, and how a spec is split among the devices of a line. */
import { LineFaultSpecError, parseLineFaultSpec, resolveLineFaults } from '../../../src/simulators/line/line-fault-spec';
import { DESK_LINE, MODULE_LINE } from './line-fixtures';

test('the example spec of the brief: each kind goes to every device that has it', () => {
  const r = resolveLineFaults('chip=0.02,jam=0.005,ribbon=0.001,mixup=0.002,feed=0.005', MODULE_LINE);
  expect(r.handler).toEqual({ rates: { jam: 0.005, mixup: 0.002, feed: 0.005 }, scripted: [] });
  expect(r.chips.rates).toEqual({ writeFailure: 0.005, tearing: 0.005, dead: 0.005, slow: 0.005 });
  expect(r.printers).toEqual({ 'prn-1': { rates: { 'jam-print': 0.005, ribbon: 0.001, feed: 0.005 }, scripted: [] } });
});

test('targets narrow a kind to one device; chip kinds add up; @N entries are scripted', () => {
  const r = resolveLineFaults('handler.jam=0.01,pe-1.jam-insert@3,chip=0.04,chip-dead=0.01,chip-tear@7,chips.chip-personalized=0.1,printers.cover=0.2,garble@5', DESK_LINE);
  expect(r.handler).toEqual({ rates: { jam: 0.01 }, scripted: [] });
  expect(r.printers['pe-1']).toEqual({ rates: { cover: 0.2 }, scripted: [{ kind: 'jam-insert', at: 3 }, { kind: 'garble', at: 5 }] });
  expect(r.chips).toEqual({ rates: { writeFailure: 0.01, tearing: 0.01, dead: 0.02, slow: 0.01, alreadyPersonalized: 0.1 }, scripted: [{ kind: 'tearing', serial: 7 }] });
  expect(resolveLineFaults('', DESK_LINE)).toEqual({ handler: { rates: {}, scripted: [] }, chips: { rates: {}, scripted: [] }, printers: { 'pe-1': { rates: {}, scripted: [] } } });
});

test.each([
  ['jamm=0.1', 'unknown fault "jamm" in "jamm=0.1"'],
  ['jam=2', 'rate in "jam=2" must be a number from 0 to 1'],
  ['jam=abc', 'rate in "jam=abc" must be a number from 0 to 1'],
  ['jam@0', '"jam@0": the count must be a whole number from 1'],
  ['jam=0.1,,feed=0.1', 'empty entry in fault spec'],
  ['jam', 'fault entry "jam" must be [TARGET.]KIND=RATE or [TARGET.]KIND@N'],
])('%s is refused: %s', (spec, message) => {
  expect(() => parseLineFaultSpec(spec)).toThrow(LineFaultSpecError);
  expect(() => parseLineFaultSpec(spec)).toThrow(message);
});

test.each([
  ['prn-9.jam=0.1', 'no station "prn-9" on this line'],
  ['qc-1.jam=0.1', 'station "qc-1" has no faults of its own'],
  ['handler.ribbon=0.1', 'handler has no fault "ribbon"'],
  ['chips.jam=0.1', 'chips has no fault "jam"'],
  ['chip@4', 'give the chip fault to put on blank 4'],
  ['handler.jam=0.1,handler.jam=0.2', "the handler's jam has two rates"],
  ['chip-dead=0.6,chip-slow=0.6', 'chip fault rates add up to 1.2, more than 1'],
])('%s does not fit the module line: %s', (spec, message) => {
  expect(() => resolveLineFaults(spec, MODULE_LINE)).toThrow(LineFaultSpecError);
  expect(() => resolveLineFaults(spec, MODULE_LINE)).toThrow(message);
});

test('a printer kind on a line without printers is refused rather than ignored', () => {
  expect(() => resolveLineFaults('ribbon=0.1', { stations: [{ id: 'enc-1', kind: 'encoder' }], blanks: 1 })).toThrow('no device on this line has fault "ribbon"');
});
