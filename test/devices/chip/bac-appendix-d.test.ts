/**
 * ICAO 9303-11 Appendix D through the device layer: performBac and the secure channel against a scripted
 * card that expects exactly the standard's command bytes and answers the standard's responses.
 */
import { createCardChannel, type RawTransmit } from '../../../src/devices/chip/card-channel';
import { BacFailedError, ChipSecureMessagingError } from '../../../src/devices/chip/errors';
import { performBac } from '../../../src/devices/chip/perform-bac';
import { hex } from './helpers';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const MRZ = { documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' };
const RND_IFD = '781723860C06C226';
const K_IFD = '0B795240CB7049B01C19B33E32804F0B';
const E_IFD_M_IFD = '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7';
const E_IC_M_IC = '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449';

/** Card side of the script: [command the terminal must send, response]. */
const APPENDIX_D: [string, string][] = [
  ['0084000008', '4608F919887022129000'],
  ['0082000028' + E_IFD_M_IFD + '28', E_IC_M_IC + '9000'],
  ['0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800', '990290008E08FA855A5D4C50A8ED9000'],
  ['0CB000000D9701048E08ED6705417E96BA5500', '8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000'],
  ['0CB000040D9701128E082EA28A70F3C7B53500', '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000'],
];

function scriptedCard(script: [string, string][]): RawTransmit {
  const steps = [...script];
  return (apdu) => {
    const step = steps.shift();
    if (step === undefined) throw new Error('no more steps');
    expect(toHex(apdu)).toBe(step[0]);
    return hex(step[1]);
  };
}

/** RND.IFD first, then K.IFD, as performBac asks for them. */
function appendixDRandom(): (n: number) => Uint8Array {
  const values = [RND_IFD, K_IFD];
  return (n) => {
    const v = hex(values.shift()!);
    expect(v.length).toBe(n);
    return v;
  };
}

test('performBac sends E_IFD || M_IFD, accepts E_IC || M_IC, and the secure channel reproduces D.4', async () => {
  const channel = createCardChannel(scriptedCard(APPENDIX_D));
  const secure = await performBac(channel, MRZ, appendixDRandom());
  expect(toHex(await secure.transmit(hex('00A4020C02011E')))).toBe('9000');
  expect(toHex(await secure.transmit(hex('00B0000004')))).toBe('60145F019000');
  expect(toHex(await secure.transmit(hex('00B0000412')))).toBe('04303130365F36063034303030305C0261759000');
});

test('a chip answer with a corrupted M_IC is a BacFailedError without status word', async () => {
  const bad = E_IC_M_IC.slice(0, -2) + '48';
  const channel = createCardChannel(scriptedCard([APPENDIX_D[0]!, [APPENDIX_D[1]![0], bad + '9000']]));
  const error = await performBac(channel, MRZ, appendixDRandom()).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BacFailedError);
  expect((error as BacFailedError).sw).toBeUndefined();
});

test('a tampered protected response closes the secure channel with a typed error', async () => {
  const script = APPENDIX_D.slice(0, 3).map(([c, r]) => [c, r] as [string, string]);
  script[2] = [APPENDIX_D[2]![0], '990290008E08FA855A5D4C50A8EE9000']; // last MAC byte ED -> EE
  const secure = await performBac(createCardChannel(scriptedCard(script)), MRZ, appendixDRandom());
  const error = await secure.transmit(hex('00A4020C02011E')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ChipSecureMessagingError);
  expect((error as Error).message).toMatch(/8E/);
  expect(secure.open).toBe(false);
  await expect(secure.transmit(hex('00A4020C02011E'))).rejects.toThrow(/closed/);
});
