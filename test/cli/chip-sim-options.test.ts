/** The option parsing of `cardline sim chip`: vpcd addresses and the fault names. */
import { InvalidArgumentError } from 'commander';
import { SIM_CHIP_FAULTS, chipFaultFor, parseVpcdAddress } from '../../src/cli/commands/sim-chip';

test('HOST:PORT, :PORT and PORT; anything else is a usage error', () => {
  expect(parseVpcdAddress('10.0.0.7:35964')).toEqual({ host: '10.0.0.7', port: 35964 });
  expect(parseVpcdAddress('35964')).toEqual({ host: '127.0.0.1', port: 35964 });
  expect(parseVpcdAddress(':35963')).toEqual({ host: '127.0.0.1', port: 35963 });
  for (const bad of ['', 'host', 'host:', 'host:0', 'host:65536', 'host:12ab']) expect(() => parseVpcdAddress(bad)).toThrow(InvalidArgumentError);
});

test('each --fault names one chip fault of the model, with the position or delay given', () => {
  expect(SIM_CHIP_FAULTS.map((k) => chipFaultFor(k, 777, 9000))).toEqual([
    [{ kind: 'dead' }],
    [{ kind: 'slow', delayMs: 9000 }],
    [{ kind: 'already-personalized' }],
    [{ kind: 'write-failure', atByte: 777 }],
    [{ kind: 'tearing', atByte: 777 }],
  ]);
  expect(chipFaultFor(undefined, 1, 1)).toEqual([]);
});
