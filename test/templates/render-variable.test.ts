import jsQR from 'jsqr';
import { renderVariablePanels } from '../../src/templates/render-variable';
import { toCardView } from '../../src/templates/card-view';
import type { CitizenRecord } from '../../src/identity/record';

const MAI: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  placeOfOrigin: 'Xã Hải Châu, Nam Định',
  placeOfResidence: 'Số 12 Phố Huế, Hà Nội',
  issueDate: '2021-06-22',
};

function decode(panel: { width: number; height: number; rgb: Uint8Array }): string | null {
  const rgba = new Uint8ClampedArray(panel.width * panel.height * 4);
  for (let i = 0, j = 0; i < panel.rgb.length; i += 3, j += 4) {
    rgba[j] = panel.rgb[i]!;
    rgba[j + 1] = panel.rgb[i + 1]!;
    rgba[j + 2] = panel.rgb[i + 2]!;
    rgba[j + 3] = 255;
  }
  const r = jsQR(rgba, panel.width, panel.height);
  return r === null ? null : Buffer.from(r.binaryData).toString('utf8');
}

describe('renderVariablePanels (pre-printed stock: the QR in black resin)', () => {
  it('2021: the QR is on the front at 300 dpi and decodes to the 7-field payload; the back is blank', () => {
    const panels = renderVariablePanels(toCardView(MAI, 'vn-cccd-2021'));
    expect([panels.front.width, panels.front.height]).toEqual([1016, 648]);
    expect(decode(panels.front)).toBe('001199012345||Nguyễn Thị Mai|15031999|Nữ|Số 12 Phố Huế, Hà Nội|22062021');
    expect(panels.back.rgb.every((v) => v === 255)).toBe(true);
  });

  it('2024: the QR is on the back (18 mm: about 213 px wide) and the front is blank', () => {
    const rec = { ...MAI, issueDate: '2025-02-01', placeOfBirthRegistration: 'Hà Nội' };
    const panels = renderVariablePanels(toCardView(rec, 'vn-cancuoc-2024'));
    expect(panels.front.rgb.every((v) => v === 255)).toBe(true);
    expect(decode(panels.back)).toBe('001199012345||Nguyễn Thị Mai|15031999|Nữ|Số 12 Phố Huế, Hà Nội|01022025||||');
    // Width of the black area: 18 mm at 300 dpi is 212.6 px; the symbol's own quiet zone is white.
    let minX = 1016;
    let maxX = 0;
    for (let y = 0; y < 648; y++) {
      for (let x = 0; x < 1016; x++) {
        if (panels.back.rgb[(y * 1016 + x) * 3] === 0) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
        }
      }
    }
    expect(maxX - minX + 1).toBeGreaterThanOrEqual(200);
    expect(maxX - minX + 1).toBeLessThanOrEqual(214);
  });
});
