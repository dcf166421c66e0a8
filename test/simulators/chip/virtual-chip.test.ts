/**
 * The virtual chip's command set and access rules (JMRTD reference applet, ICAO 9303-11), driven with raw
 * APDU bytes written out by hand.
 */
import { bytesToHex } from '../../../src/identity/bac/bytes';
import { performBac } from '../../../src/devices/chip/perform-bac';
import { createCardChannel } from '../../../src/devices/chip/card-channel';
import { BacFailedError, ChipSecureMessagingError, NoCardError } from '../../../src/devices/chip/errors';
import { DEFAULT_CHIP_CAPACITY, VirtualChip } from '../../../src/simulators/chip/virtual-chip';
import { hex, newAaKey } from '../../devices/chip/helpers';
import { createVerify } from 'node:crypto';
import fc from 'fast-check';

const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

/** Sends hex, returns the response hex (the chip answers synchronously without the slow fault). */
function tx(chip: VirtualChip, apdu: string): string {
  const r = chip.process(hex(apdu));
  if (r instanceof Promise) throw new Error('unexpected async answer');
  return toHex(r);
}
const sw = (r: string) => r.slice(-4);

const SELECT_APP = '00A4040C07A0000002471001';
/** PUT DATA BAC for the ICAO 9303-11 Appendix D MRZ (document number padded). */
const PUT_BAC = '00DA00621D' + '621B' + '0409' + toHex(Buffer.from('L898902C<')) + '0406' + toHex(Buffer.from('690806')) + '0406' + toHex(Buffer.from('940623'));
const ICAO_MRZ = { documentNumber: 'L898902C<', dateOfBirth: '690806', dateOfExpiry: '940623' };

function freshChip(seed = 'chip-1', extra: Partial<ConstructorParameters<typeof VirtualChip>[0]> = {}): VirtualChip {
  const chip = new VirtualChip({ seed, ...extra });
  chip.powerOn();
  return chip;
}

/** A chip with EF.COM (60 03 AABBCC) written, BAC keys set, locked. */
function lockedChip(seed = 'chip-1'): VirtualChip {
  const chip = freshChip(seed);
  expect(tx(chip, SELECT_APP)).toBe('9000');
  expect(tx(chip, '00E0000006630400050 11E'.replace(' ', ''))).toBe('9000');
  expect(tx(chip, '00A4020C02011E')).toBe('9000');
  expect(tx(chip, '00D600000560 03AABBCC'.replace(' ', ''))).toBe('9000');
  expect(tx(chip, PUT_BAC)).toBe('9000');
  expect(tx(chip, '00DADEAD')).toBe('9000');
  return chip;
}

describe('power and identity', () => {
  test('the ATR has the PC/SC contactless form and a correct TCK', () => {
    const atr = new VirtualChip({ seed: 1 }).powerOn();
    expect(toHex(atr.subarray(0, 4))).toBe('3B8C8001');
    expect(atr.subarray(1).reduce((x, b) => x ^ b, 0)).toBe(0); // XOR of T0..TCK is 0
  });

  test('UID and challenges are deterministic for a seed and differ between seeds', () => {
    const a = freshChip('seed-A');
    const b = freshChip('seed-A');
    const c = freshChip('seed-B');
    expect(a.inspect().uid).toBe(b.inspect().uid);
    expect(a.inspect().uid).not.toBe(c.inspect().uid);
    expect(a.inspect().uid).toMatch(/^[0-9A-F]{14}$/);
    for (const chip of [a, b]) expect(tx(chip, SELECT_APP)).toBe('9000');
    expect(tx(a, '0084000008')).toBe(tx(b, '0084000008'));
  });

  test('the PC/SC GET DATA pseudo-APDU returns the UID', () => {
    const chip = freshChip('uid');
    expect(tx(chip, 'FFCA000000')).toBe(chip.inspect().uid + '9000');
  });

  test('an unpowered chip does not answer', () => {
    expect(() => new VirtualChip({ seed: 1 }).process(hex(SELECT_APP))).toThrow(NoCardError);
  });
});

describe('before LOCK: personalization without BAC', () => {
  test('commands need the application selected first (6985), an unknown AID is 6A82', () => {
    const chip = freshChip();
    expect(tx(chip, '00E0000006630400100101')).toBe('6985');
    expect(tx(chip, '00A4040C07A0000002471002')).toBe('6A82');
  });

  test('CREATE FILE, UPDATE BINARY, READ BINARY in plain', () => {
    const chip = freshChip();
    tx(chip, SELECT_APP);
    expect(tx(chip, '00E0000006630400100101')).toBe('9000');
    expect(tx(chip, '00A4020C020101')).toBe('9000');
    expect(tx(chip, '00D6000004' + '61025F1F')).toBe('9000');
    expect(tx(chip, '00D6000C02' + '0102')).toBe('9000');
    expect(tx(chip, '00B0000004')).toBe('61025F1F9000');
    // the rest of the 16-byte file: 0102 at offset 12, zeros elsewhere; a read past the end returns what there is
    expect(tx(chip, '00B0000A00')).toBe('0000010200009000');
    expect(chip.inspect().files).toEqual([{ fid: 0x0101, size: 16, data: hex('61025F1F0000000000000000010200 00'.replace(' ', '')) }]);
  });

  test('READ BINARY by short file identifier selects the file', () => {
    const chip = freshChip();
    tx(chip, SELECT_APP);
    tx(chip, '00E000000663040004011E');
    tx(chip, '00D600000460024142');
    expect(tx(chip, '00A4020C020101')).toBe('6A82');
    expect(tx(chip, '00B09E0002')).toBe('60029000'); // P1 = 80 | 1E, P2 = offset 0
    expect(tx(chip, '00B0000202')).toBe('41429000'); // now the current EF
    expect(tx(chip, '00B0810001')).toBe('6A82'); // DG1 does not exist
  });

  test('size limits: 6A80 for size 0 or >= 32768, 6A89 for a duplicate, 6A84 for a write past the end', () => {
    const chip = freshChip();
    tx(chip, SELECT_APP);
    expect(tx(chip, '00E0000006630480000101')).toBe('6A80');
    expect(tx(chip, '00E0000006630400000101')).toBe('6A80');
    expect(tx(chip, '00E00000066304 7FFF0101'.replace(' ', ''))).toBe('9000');
    expect(tx(chip, '00E00000066304 00100101'.replace(' ', ''))).toBe('6A89');
    expect(tx(chip, '00D67FFE02AABB')).toBe('6A84'); // would end at 8000, one past the 7FFF bytes
    expect(tx(chip, '00D67FFD02AABB')).toBe('9000');
    expect(tx(chip, '00B0800001')).toBe('6A82'); // SFI 0 -> FID 0100 does not exist
    expect(tx(chip, '00B07FFE05')).toBe('BB9000'); // the last byte; fewer than Le at the end
    expect(tx(chip, '00B07FFF01')).toBe('6B00'); // offset past the end
  });

  test('total capacity: CREATE FILE beyond the EEPROM answers 6A84', () => {
    const chip = freshChip('cap', { capacityBytes: 1000 });
    tx(chip, SELECT_APP);
    expect(tx(chip, '00E000000663040320 0101'.replace(' ', ''))).toBe('9000'); // 800
    expect(tx(chip, '00E0000006630400C9 0102'.replace(' ', ''))).toBe('6A84'); // 201 more
    expect(tx(chip, '00E0000006630400C8 0102'.replace(' ', ''))).toBe('9000'); // exactly full
    expect(chip.inspect()).toMatchObject({ eepromUsed: 1000, eepromCapacity: 1000 });
    expect(new VirtualChip({ seed: 1 }).inspect().eepromCapacity).toBe(DEFAULT_CHIP_CAPACITY);
  });

  test('malformed commands: wrong lengths, unknown INS and CLA', () => {
    const chip = freshChip();
    tx(chip, SELECT_APP);
    expect(tx(chip, '00D6000005AABB')).toBe('6700'); // Lc does not match
    expect(tx(chip, '00E00000056304000101')).toBe('6700');
    expect(tx(chip, '00E0000006640400100101')).toBe('6A80');
    expect(tx(chip, '0050000000')).toBe('6D00');
    expect(tx(chip, '80B0000001')).toBe('6E00');
    expect(tx(chip, '00DA00620362 01 AA'.replace(/ /g, ''))).toBe('6A80');
    expect(tx(chip, '00DA00630330 01 00'.replace(/ /g, ''))).toBe('6A80'); // not a PKCS#8 EC key
    expect(tx(chip, '00DA006400')).toBe('6A86');
  });

  test('LOCK without BAC keys is refused (the chip would be unreadable forever)', () => {
    const chip = freshChip();
    tx(chip, SELECT_APP);
    expect(tx(chip, '00DADEAD')).toBe('6985');
    expect(chip.inspect().locked).toBe(false);
  });
});

describe('after LOCK', () => {
  test('writes answer 6985 and plain SELECT/READ/INTERNAL AUTHENTICATE answer 6982', () => {
    const chip = lockedChip();
    expect(chip.inspect().locked).toBe(true);
    expect(tx(chip, SELECT_APP)).toBe('9000');
    expect(tx(chip, '00E0000006630400100101')).toBe('6985');
    expect(tx(chip, '00D6000001AA')).toBe('6985');
    expect(tx(chip, PUT_BAC)).toBe('6985');
    expect(tx(chip, '00DADEAD')).toBe('6985');
    expect(tx(chip, '00A4020C02011E')).toBe('6982');
    expect(tx(chip, '00B09E0004')).toBe('6982');
    expect(tx(chip, '00B0000004')).toBe('6982');
    expect(tx(chip, '00880000081122334455667788 00'.replace(' ', ''))).toBe('6982');
  });

  test('EXTERNAL AUTHENTICATE without a challenge is 6985; a wrong cryptogram is 6300', () => {
    const chip = lockedChip();
    tx(chip, SELECT_APP);
    expect(tx(chip, '0082000028' + '00'.repeat(40) + '28')).toBe('6985');
    expect(sw(tx(chip, '0084000008'))).toBe('9000');
    expect(tx(chip, '0082000028' + '00'.repeat(40) + '28')).toBe('6300');
    // one try per challenge
    expect(tx(chip, '0082000028' + '00'.repeat(40) + '28')).toBe('6985');
  });

  test('BAC with the right MRZ opens secure messaging; protected SELECT and READ work', async () => {
    const chip = lockedChip();
    const plain = createCardChannel((a) => chip.process(a));
    await plain.transmit(hex(SELECT_APP));
    let n = 0;
    const secure = await performBac(plain, ICAO_MRZ, (len) => new Uint8Array(len).fill(++n));
    expect(toHex(await secure.transmit(hex('00A4020C02011E')))).toBe('9000');
    expect(toHex(await secure.transmit(hex('00B0000005')))).toBe('6003AABBCC9000');
    expect(toHex(await secure.transmit(hex('00D6000001AA')))).toBe('6985');
    expect(toHex(await secure.transmit(hex('00A4020C020101')))).toBe('6A82');
  });

  test('BAC with another MRZ fails with 6300 (BacFailedError)', async () => {
    const chip = lockedChip();
    const plain = createCardChannel((a) => chip.process(a));
    await plain.transmit(hex(SELECT_APP));
    const error = await performBac(plain, { ...ICAO_MRZ, dateOfBirth: '690807' }, (len) => new Uint8Array(len)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BacFailedError);
    expect((error as BacFailedError).sw).toBe(0x6300);
  });

  test('a plain command ends the secure session: the next protected command gets a bare 6988', async () => {
    const chip = lockedChip();
    const plain = createCardChannel((a) => chip.process(a));
    await plain.transmit(hex(SELECT_APP));
    const secure = await performBac(plain, ICAO_MRZ, (len) => new Uint8Array(len).fill(7));
    expect(toHex(await plain.transmit(hex('00A4020C02011E')))).toBe('6982');
    const error = await secure.transmit(hex('00A4020C02011E')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChipSecureMessagingError);
    expect((error as ChipSecureMessagingError).sw).toBe(0x6988);
    expect(secure.open).toBe(false);
  });

  test('a protected command with a broken MAC gets 6988 and the chip drops the session', async () => {
    const chip = lockedChip();
    let tamper = false;
    const plain = createCardChannel((a) => {
      const b = Uint8Array.from(a);
      if (tamper) b[b.length - 2] = b[b.length - 2]! ^ 0xff; // last MAC byte (before Le)
      return chip.process(b);
    });
    await plain.transmit(hex(SELECT_APP));
    const secure = await performBac(plain, ICAO_MRZ, (len) => new Uint8Array(len).fill(3));
    expect(chip.inspect().secureMessaging).toBe(true);
    tamper = true;
    await expect(secure.transmit(hex('00A4020C02011E'))).rejects.toMatchObject({ name: 'ChipSecureMessagingError', sw: 0x6988 });
    expect(chip.inspect().secureMessaging).toBe(false);
    expect(secure.open).toBe(false);
  });

  test('INTERNAL AUTHENTICATE under secure messaging signs with the AA key (ECDSA P-256, SHA-256, r||s)', async () => {
    const key = newAaKey();
    const chip = freshChip('aa');
    tx(chip, SELECT_APP);
    expect(tx(chip, `00DA0063${key.pkcs8.length.toString(16).padStart(2, '0')}${toHex(key.pkcs8)}`)).toBe('9000');
    tx(chip, PUT_BAC);
    tx(chip, '00DADEAD');
    expect(chip.inspect().aaPublicKeySpki).toEqual(key.spki);
    const plain = createCardChannel((a) => chip.process(a));
    await plain.transmit(hex(SELECT_APP));
    const secure = await performBac(plain, ICAO_MRZ, (len) => new Uint8Array(len).fill(9));
    const challenge = hex('0102030405060708');
    const r = await secure.transmit(hex('008800000801020304050607 0800'.replace(' ', '')));
    expect(sw(toHex(r))).toBe('9000');
    const signature = r.subarray(0, r.length - 2);
    expect(signature.length).toBe(64);
    const v = createVerify('sha256');
    v.update(challenge);
    expect(v.verify({ key: Buffer.from(key.spki), format: 'der', type: 'spki', dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
  });

  test('INTERNAL AUTHENTICATE without a key answers 6A88', () => {
    const chip = freshChip();
    tx(chip, SELECT_APP);
    expect(tx(chip, '00880000080102030405060708 00'.replace(' ', ''))).toBe('6A88');
  });

  test('power-off forgets the session; the files and the lock stay', () => {
    const chip = lockedChip();
    chip.powerOff();
    chip.powerOn();
    expect(chip.inspect().locked).toBe(true);
    expect(bytesToHex(chip.inspect().files[0]!.data)).toBe('6003AABBCC');
  });
});

describe('robustness', () => {
  test('any bytes get a response of at least SW1 SW2, never an exception', () => {
    const chips = [freshChip('fuzz-open'), lockedChip('fuzz-locked')];
    tx(chips[0]!, SELECT_APP);
    tx(chips[1]!, SELECT_APP);
    const apdu = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // plausible headers: CLA 00/0C/FF, the instructions the chip knows
      fc
        .tuple(fc.constantFrom(0x00, 0x0c, 0xff), fc.constantFrom(0xa4, 0xb0, 0xd6, 0xe0, 0xda, 0x84, 0x82, 0x88, 0xca), fc.uint8Array({ minLength: 2, maxLength: 60 }))
        .map(([cla, ins, rest]) => Uint8Array.from([cla, ins, ...rest])),
    );
    fc.assert(
      fc.property(fc.constantFrom(0, 1), apdu, (which, bytes) => {
        const r = chips[which]!.process(bytes);
        expect(r).toBeInstanceOf(Uint8Array);
        expect((r as Uint8Array).length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 2000 },
    );
    expect(chips[1]!.inspect().locked).toBe(true);
  });
});
