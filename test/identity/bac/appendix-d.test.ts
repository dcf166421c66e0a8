/**
 * The worked example of ICAO Doc 9303-11 Appendix D (BAC with MRZ information L898902C<369080619406236),
 * end to end: key derivation (D.2), mutual authentication (D.3) and the three protected APDUs of D.4, from
 * both the terminal and the chip side. Every expected value is copied from the standard.
 */
import {
  SecureMessagingSession,
  answerTerminalCryptogram,
  bacKeySeed,
  buildTerminalCryptogram,
  bytesToHex,
  deriveBacKeys,
  deriveKeyPair,
  hexToBytes,
  mrzInformation,
  protectCommand,
  protectResponse,
  unprotectCommand,
  unprotectResponse,
  verifyChipCryptogram,
  type CommandFields,
} from '../../../src/identity/bac';

const h = hexToBytes;
const MRZ = { documentNumber: 'L898902C', dateOfBirth: '690806', dateOfExpiry: '940623' };
const RND_IC = h('4608F91988702212');
const RND_IFD = h('781723860C06C226');
const K_IFD = h('0B795240CB7049B01C19B33E32804F0B');
const K_IC = h('0B4F80323EB3191CB04970CB4052790B');
const E_IFD_M_IFD = '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2' + '5F1448EEA8AD90A7';
const E_IC_M_IC = '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449';
const KS_ENC = '979EC13B1CBFE9DCD01AB0FED307EAE5';
const KS_MAC = 'F1CB1F1FB5ADF208806B89DC579DC1F8';
const SSC0 = '887022120C06C226';

/** Plain command fields from the byte strings of D.4 (cases 3 and 2, short). */
const selectEfCom: CommandFields = { cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: h('011E'), ne: 0 };
const readBinary4: CommandFields = { cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, data: new Uint8Array(0), ne: 4 };
const readBinary18: CommandFields = { cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x04, data: new Uint8Array(0), ne: 0x12 };

/** The D.4 sequence: plain command, its protected bytes, the protected response, the plain response data. */
const D4 = [
  {
    plain: selectEfCom,
    protectedCommand: '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800',
    protectedResponse: '990290008E08FA855A5D4C50A8ED9000',
    data: '',
  },
  {
    plain: readBinary4,
    protectedCommand: '0CB000000D9701048E08ED6705417E96BA5500',
    protectedResponse: '8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000',
    data: '60145F01',
  },
  {
    plain: readBinary18,
    protectedCommand: '0CB000040D9701128E082EA28A70F3C7B53500',
    protectedResponse: '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000',
    data: '04303130365F36063034303030305C026175',
  },
];

/** Short APDU bytes of protected fields (header, Lc, data, Le = 00): written out here, not by the codec. */
function shortBytes(c: CommandFields): string {
  expect(c.data.length).toBeLessThan(256);
  expect(c.ne).toBe(256);
  return bytesToHex(Uint8Array.of(c.cla, c.ins, c.p1, c.p2, c.data.length, ...c.data, 0x00));
}
function fieldsOf(hex: string): CommandFields {
  const b = h(hex);
  return { cla: b[0]!, ins: b[1]!, p1: b[2]!, p2: b[3]!, data: b.subarray(5, 5 + b[4]!), ne: b[5 + b[4]!] === 0 ? 256 : b[5 + b[4]!]! };
}
const session0 = () => new SecureMessagingSession({ enc: h(KS_ENC), mac: h(KS_MAC) }, h(SSC0));

describe('ICAO 9303-11 Appendix D.2: document basic access keys', () => {
  test('MRZ information, K_seed, K_enc and K_mac', () => {
    expect(mrzInformation(MRZ)).toBe('L898902C<369080619406236');
    expect(bytesToHex(bacKeySeed('L898902C<369080619406236'))).toBe('239AB9CB282DAF66231DC5A4DF6BFBAE');
    const keys = deriveBacKeys(MRZ);
    expect(bytesToHex(keys.enc)).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(bytesToHex(keys.mac)).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });

  test('a document number already padded gives the same keys as one that is not', () => {
    expect(bytesToHex(deriveBacKeys({ ...MRZ, documentNumber: 'L898902C<' }).enc)).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
  });

  test('bad MRZ fields are rejected by name', () => {
    expect(() => mrzInformation({ ...MRZ, dateOfBirth: '69086' })).toThrow(/date of birth/);
    expect(() => mrzInformation({ ...MRZ, dateOfExpiry: '9406AA' })).toThrow(/date of expiry/);
    expect(() => mrzInformation({ ...MRZ, documentNumber: 'l898902c' })).toThrow(/document number/);
  });
});

describe('ICAO 9303-11 Appendix D.3: mutual authentication', () => {
  const keys = deriveBacKeys(MRZ);

  test('terminal cryptogram E_IFD || M_IFD', () => {
    expect(bytesToHex(buildTerminalCryptogram(keys, RND_IC, RND_IFD, K_IFD).commandData)).toBe(E_IFD_M_IFD);
  });

  test('chip answer E_IC || M_IC and the session it derives', () => {
    const answer = answerTerminalCryptogram(keys, RND_IC, K_IC, h(E_IFD_M_IFD));
    expect(bytesToHex(answer.responseData)).toBe(E_IC_M_IC);
    expect(bytesToHex(answer.session.keys.enc)).toBe(KS_ENC);
    expect(bytesToHex(answer.session.keys.mac)).toBe(KS_MAC);
    expect(bytesToHex(answer.session.ssc)).toBe(SSC0);
  });

  test('terminal checks the chip answer and derives the same session', () => {
    const pending = buildTerminalCryptogram(keys, RND_IC, RND_IFD, K_IFD);
    const session = verifyChipCryptogram(keys, pending, h(E_IC_M_IC));
    expect(bytesToHex(session.keys.enc)).toBe(KS_ENC);
    expect(bytesToHex(session.keys.mac)).toBe(KS_MAC);
    expect(bytesToHex(session.ssc)).toBe(SSC0);
  });

  test('session keys from K.IFD XOR K.IC = 0036D272F5C350ACAC50C3F572D23600 (Appendix D.3)', () => {
    const ks = deriveKeyPair(h('0036D272F5C350ACAC50C3F572D23600'));
    expect(bytesToHex(ks.enc)).toBe(KS_ENC);
    expect(bytesToHex(ks.mac)).toBe(KS_MAC);
  });

  test('a cryptogram under other keys fails the MAC check on either side', () => {
    const other = deriveBacKeys({ ...MRZ, dateOfBirth: '690807' });
    expect(() => answerTerminalCryptogram(other, RND_IC, K_IC, h(E_IFD_M_IFD))).toThrow(
      expect.objectContaining({ name: 'MutualAuthenticationError', reason: 'mac' }),
    );
    const pending = buildTerminalCryptogram(other, RND_IC, RND_IFD, K_IFD);
    expect(() => verifyChipCryptogram(other, pending, h(E_IC_M_IC))).toThrow(expect.objectContaining({ reason: 'mac' }));
  });

  test('the right keys but another challenge fails the nonce check', () => {
    expect(() => answerTerminalCryptogram(keys, h('0000000000000000'), K_IC, h(E_IFD_M_IFD))).toThrow(
      expect.objectContaining({ reason: 'nonce' }),
    );
  });

  test('a truncated cryptogram is a length error, not a crash', () => {
    expect(() => answerTerminalCryptogram(keys, RND_IC, K_IC, h(E_IFD_M_IFD).subarray(0, 39))).toThrow(
      expect.objectContaining({ reason: 'length' }),
    );
  });
});

describe('ICAO 9303-11 Appendix D.4: secure messaging', () => {
  test('terminal: protect each command, unprotect each response', () => {
    const s = session0();
    for (const step of D4) {
      expect(shortBytes(protectCommand(s, step.plain))).toBe(step.protectedCommand);
      const r = unprotectResponse(s, h(step.protectedResponse));
      expect(r.sw).toBe(0x9000);
      expect(bytesToHex(r.data)).toBe(step.data);
    }
    // 3 commands + 3 responses: SSC advanced 6 times from ...C226 to ...C22C.
    expect(bytesToHex(s.ssc)).toBe('887022120C06C22C');
  });

  test('chip: unprotect each command, protect each response', () => {
    const s = session0();
    for (const step of D4) {
      const plain = unprotectCommand(s, fieldsOf(step.protectedCommand));
      expect(plain.cla).toBe(step.plain.cla);
      expect(plain.ins).toBe(step.plain.ins);
      expect(plain.p1).toBe(step.plain.p1);
      expect(plain.p2).toBe(step.plain.p2);
      expect(bytesToHex(plain.data)).toBe(bytesToHex(step.plain.data));
      expect(plain.ne).toBe(step.plain.ne);
      expect(bytesToHex(protectResponse(s, h(step.data), 0x9000))).toBe(step.protectedResponse);
    }
  });

  test('a tampered response MAC is rejected with a typed error naming DO 8E', () => {
    const s = session0();
    protectCommand(s, selectEfCom);
    const bad = h(D4[0]!.protectedResponse);
    bad[6] = bad[6]! ^ 0x01;
    expect(() => unprotectResponse(s, bad)).toThrow(expect.objectContaining({ name: 'SecureMessagingError', failure: 'mac-mismatch', offset: 4 }));
  });

  test('a tampered command cryptogram is rejected by the chip before decryption', () => {
    const s = session0();
    const cmd = fieldsOf(D4[0]!.protectedCommand);
    const data = Uint8Array.from(cmd.data);
    data[5] = data[5]! ^ 0x80;
    expect(() => unprotectCommand(s, { ...cmd, data })).toThrow(expect.objectContaining({ failure: 'mac-mismatch' }));
  });

  test('a replayed response (old SSC) fails the MAC', () => {
    const s = session0();
    protectCommand(s, selectEfCom);
    unprotectResponse(s, h(D4[0]!.protectedResponse));
    protectCommand(s, readBinary4);
    expect(() => unprotectResponse(s, h(D4[0]!.protectedResponse))).toThrow(expect.objectContaining({ failure: 'mac-mismatch' }));
  });

  test('a bare status word is reported as an unprotected response carrying the SW', () => {
    const s = session0();
    protectCommand(s, selectEfCom);
    expect(() => unprotectResponse(s, h('6988'))).toThrow(expect.objectContaining({ failure: 'unprotected-response', sw: 0x6988 }));
  });

  test('truncated data objects name the object and the offset', () => {
    const s = session0();
    expect(() => unprotectResponse(s, h('8709019FF0EC9000'))).toThrow(
      expect.objectContaining({ failure: 'malformed', offset: 0, message: expect.stringContaining("'87'") }),
    );
    expect(() => unprotectCommand(session0(), { cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, data: h('9701048E08ED67'), ne: 256 })).toThrow(
      expect.objectContaining({ failure: 'malformed', offset: 3 }),
    );
  });

  test('a command without DO 8E is refused', () => {
    expect(() => unprotectCommand(session0(), { cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, data: h('970104'), ne: 256 })).toThrow(
      expect.objectContaining({ failure: 'missing-object' }),
    );
  });

  test('a plain command is not accepted as a protected one', () => {
    expect(() => unprotectCommand(session0(), readBinary4)).toThrow(expect.objectContaining({ failure: 'not-protected' }));
  });
});
