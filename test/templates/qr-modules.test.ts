import { create } from 'qrcode';
import { qrRuns } from '../../src/templates/qr-modules';

describe('qrRuns', () => {
  const payload = '001199012345||Nguyễn Thị Mai|15031999|Nữ|Số 12, ngõ 34, phố Láng Hạ, Hà Nội|22062021';

  it('covers exactly the dark modules, one run per horizontal stretch', () => {
    // The reference symbol: the same payload as one UTF-8 byte segment at level M, straight from the library.
    const qr = create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const { modules, runs } = qrRuns(payload);
    expect(modules).toBe(n);
    const painted = new Uint8Array(n * n);
    for (const r of runs) {
      expect(r.length).toBeGreaterThan(0);
      for (let x = r.x; x < r.x + r.length; x++) {
        expect(painted[r.y * n + x]).toBe(0);
        painted[r.y * n + x] = 1;
      }
      // Maximal runs: the modules just outside a run are light.
      if (r.x > 0) expect(qr.modules.data[r.y * n + r.x - 1]).toBe(0);
      if (r.x + r.length < n) expect(qr.modules.data[r.y * n + r.x + r.length]).toBe(0);
    }
    expect(Array.from(painted)).toEqual(Array.from(qr.modules.data, (v) => (v ? 1 : 0)));
  });

  it('uses error correction level M', () => {
    // 21 x 21 (version 1) holds 14 bytes at M but 17 at L: 15 bytes needs version 2 at M.
    expect(qrRuns('x'.repeat(14)).modules).toBe(21);
    expect(qrRuns('x'.repeat(15)).modules).toBe(25);
  });
});
