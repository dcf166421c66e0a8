/** `cardline sim printer` from the command line: usage errors exit 2, a port that cannot open exits 1 with the reason. */
import { InvalidArgumentError } from 'commander';
import { parseFaultsOption, parseTimingsOption } from '../../src/cli/commands/sim-printer';
import { runCli, STACK_TRACE } from '../helpers/cli';

test('option parsers turn spec errors into usage errors', () => {
  expect(() => parseFaultsOption('jam=2')).toThrow(InvalidArgumentError);
  expect(parseFaultsOption('jam@2')).toEqual({ rates: {}, scripted: [{ kind: 'jam-print', at: 2 }] });
  expect(() => parseTimingsOption('insert=soon')).toThrow(InvalidArgumentError);
});

test('--help lists the options', () => {
  const r = runCli(['sim', 'printer', '--help']);
  expect(r.code).toBe(0);
  for (const option of ['--port', '--cards', '--ribbon', '--faults', '--seed', '--model', '--timings']) expect(r.stdout).toContain(option);
});

test('usage errors exit 2: no port, a bad fault spec, bad timings, a bad count', () => {
  const cases: [string[], string][] = [
    [[], 'sim printer needs a serial device: --port PATH'],
    [['--port', '/dev/null', '--faults', 'jam=2'], 'rate in "jam=2" must be a number from 0 to 1'],
    [['--port', '/dev/null', '--faults', 'lightning@1'], 'unknown fault "lightning"'],
    [['--port', '/dev/null', '--timings', 'warp=1'], 'unknown timing "warp"'],
    [['--port', '/dev/null', '--cards', '-3'], 'is not a whole number'],
  ];
  for (const [args, message] of cases) {
    const r = runCli(['sim', 'printer', ...args]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringContaining(message) });
    expect(r.stderr).not.toMatch(STACK_TRACE);
  }
});

test('a port that does not exist exits 1, naming it and saying what to check', () => {
  const r = runCli(['sim', 'printer', '--port', '/dev/cardline-no-such-port', '--seed', '1']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('cannot open serial port /dev/cardline-no-such-port: no such device');
  expect(r.stderr).not.toMatch(STACK_TRACE);
});
