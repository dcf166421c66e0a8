/** Masking of personal IDs and the scrub applied to log lines and audit details. */
import fc from 'fast-check';
import { maskPersonalId, maskPersonalIdsInText, REMOVED, scrubPersonalData } from '../../../src/controller/crypto';

describe('maskPersonalId', () => {
  it('keeps the province code and the last two digits', () => {
    expect(maskPersonalId('001199012345')).toBe('001******45');
  });

  it('never returns 12 digits of the input, and is idempotent', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (id) => {
        const masked = maskPersonalId(id);
        expect(masked).toMatch(/^\d{3}\*{6}\d{2}$/);
        expect(maskPersonalId(masked)).toBe(masked);
      }),
    );
    expect(maskPersonalId('12345')).toBe('***');
  });
});

describe('maskPersonalIdsInText', () => {
  it('masks 12-digit runs and leaves longer and shorter numbers alone', () => {
    expect(maskPersonalIdsInText('record 001199012345 failed')).toBe('record 001******45 failed');
    expect(maskPersonalIdsInText('a001199012345b')).toBe('a001******45b');
    expect(maskPersonalIdsInText('serial 1234567890123 and 12345678901')).toBe('serial 1234567890123 and 12345678901');
  });
});

describe('scrubPersonalData', () => {
  it('drops names and other record fields, masks the ID, deep and in arrays, without touching the input', () => {
    const input = {
      personalId: '001199012345',
      fullName: 'Nguyễn Thị Mai',
      nested: { record: { fullName: 'Trần Văn Nam', motherName: 'Lê Thị Hoa', personalId: '079203001234' } },
      list: [{ fatherName: 'Nguyễn Văn A' }, 'id 079203001234'],
      photo: Buffer.from('jpeg'),
      bytes: new Uint8Array(7),
      count: 3,
    };
    const out = scrubPersonalData(input) as Record<string, unknown>;
    expect(out).toEqual({
      personalId: '001******45',
      fullName: REMOVED,
      nested: { record: { fullName: REMOVED, motherName: REMOVED, personalId: '079******34' } },
      list: [{ fatherName: REMOVED }, 'id 079******34'],
      photo: REMOVED,
      bytes: '[7 bytes]',
      count: 3,
    });
    expect(input.fullName).toBe('Nguyễn Thị Mai');
  });

  it('turns errors into masked plain objects and survives cycles', () => {
    const error = new Error('duplicate 001199012345');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const out = scrubPersonalData({ error, cyclic }) as { error: Record<string, string>; cyclic: Record<string, unknown> };
    expect(out.error.message).toBe('duplicate 001******45');
    expect(out.error.type).toBe('Error');
    expect(out.error.stack).not.toContain('001199012345');
    expect(out.cyclic.self).toBe('[circular]');
  });
});
