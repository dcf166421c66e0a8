import fc from 'fast-check';
import {
  CARD_HEIGHT_MM,
  CARD_PAGE_PT,
  CARD_WIDTH_MM,
  PANEL_CARD_OFFSET_PX,
  PANEL_HEIGHT_PX,
  PANEL_WIDTH_PX,
  mmToPt,
  mmToPx,
  ptToMm,
  pxToMm,
} from '../../src/templates/units';

describe('units', () => {
  it('converts points and millimetres at 72 pt = 25.4 mm', () => {
    expect(ptToMm(72)).toBeCloseTo(25.4, 10);
    expect(mmToPt(25.4)).toBeCloseTo(72, 10);
    expect(mmToPt(85.6)).toBeCloseTo(242.6457, 4);
    expect(mmToPt(53.98)).toBeCloseTo(153.0142, 4);
  });

  it('converts millimetres to 300-dpi dots', () => {
    expect(mmToPx(25.4)).toBeCloseTo(300, 10);
    expect(mmToPx(85.6)).toBeCloseTo(1011.02, 2);
    expect(mmToPx(53.98)).toBeCloseTo(637.56, 2);
    expect(mmToPx(25.4, 600)).toBeCloseTo(600, 10);
    expect(pxToMm(300)).toBeCloseTo(25.4, 10);
  });

  it('fixes the ID-1 card, its PDF page and the printer panel in landscape', () => {
    expect([CARD_WIDTH_MM, CARD_HEIGHT_MM]).toEqual([85.6, 53.98]);
    expect(CARD_PAGE_PT).toEqual([242.65, 153.01]);
    expect([PANEL_WIDTH_PX, PANEL_HEIGHT_PX]).toEqual([1016, 648]);
  });

  it('centres the card on the panel with a bleed margin on every side', () => {
    expect(PANEL_CARD_OFFSET_PX.x).toBeCloseTo(2.49, 2);
    expect(PANEL_CARD_OFFSET_PX.y).toBeCloseTo(5.22, 2);
  });

  it('round-trips any length through points and dots', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (mm) => {
        expect(ptToMm(mmToPt(mm))).toBeCloseTo(mm, 9);
        expect(pxToMm(mmToPx(mm))).toBeCloseTo(mm, 9);
      }),
    );
  });
});
