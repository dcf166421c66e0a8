/** Panels: the orientation trap, the YMCKO split, and the download encodings. */
import { deflateSync } from 'node:zlib';
import { PanelFormatError } from '../../../src/devices/printer/errors';
import { decodePanelData, encodePanelData, PanelDataError } from '../../../src/devices/printer/panel-download';
import { checkPanel, composeRgb, PANEL_DOTS, splitRgb } from '../../../src/devices/printer/panels';
import { PANEL_HEIGHT_PX, PANEL_WIDTH_PX } from '../../../src/templates/units';

test('the driver panel size is the renderer panel size', () => {
  expect([PANEL_WIDTH_PX, PANEL_HEIGHT_PX]).toEqual([1016, 648]);
  expect(PANEL_DOTS).toBe(1016 * 648);
});

test('a portrait panel is refused with the orientation explained', () => {
  const portrait = { width: 648, height: 1016, rgb: new Uint8Array(648 * 1016 * 3) };
  expect(() => checkPanel(portrait, 'front')).toThrow(PanelFormatError);
  expect(() => checkPanel(portrait, 'front')).toThrow('front panel is 648 x 1016 (portrait); the printer takes 1016 x 648 landscape');
});

test('other sizes and short buffers are refused', () => {
  expect(() => checkPanel({ width: 1011, height: 638, rgb: new Uint8Array(1011 * 638 * 3) }, 'back')).toThrow('back panel is 1011 x 638');
  expect(() => checkPanel({ width: 1016, height: 648, rgb: new Uint8Array(1016 * 648 * 4) }, 'front')).toThrow('2633472 bytes of RGB');
  expect(() => checkPanel({ width: 1016, height: 648, rgb: new Uint8Array(1016 * 648 * 3) }, 'front')).not.toThrow();
});

test('the split: y/m/c are the complements of b/g/r, near-black goes to k alone, o is full', () => {
  const rgb = Uint8Array.of(255, 255, 255, 200, 100, 50, 0, 0, 0, 40, 40, 40, 41, 0, 0);
  const p = splitRgb(rgb);
  expect(Array.from(p.c)).toEqual([0, 55, 0, 0, 214]);
  expect(Array.from(p.m)).toEqual([0, 155, 0, 0, 255]);
  expect(Array.from(p.y)).toEqual([0, 205, 0, 0, 255]);
  expect(Array.from(p.k)).toEqual([0, 0, 255, 255, 0]);
  expect(Array.from(p.o)).toEqual([255, 255, 255, 255, 255]);
  expect(Array.from(composeRgb(p))).toEqual([255, 255, 255, 200, 100, 50, 0, 0, 0, 0, 0, 0, 41, 0, 0]);
});

test('raw and zlib downloads decode to the plane; damaged or wrong-size data is refused', () => {
  const plane = new Uint8Array(PANEL_DOTS).map((_, i) => (i * 7) & 0xff);
  expect(decodePanelData(encodePanelData(plane, 'raw'), 'raw')).toEqual(plane);
  const z = encodePanelData(plane, 'zlib');
  expect(z.length).toBeLessThan(plane.length);
  expect(Buffer.from(decodePanelData(z, 'zlib')).equals(Buffer.from(plane))).toBe(true);
  const damaged = Uint8Array.from(z);
  damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
  expect(() => decodePanelData(damaged, 'zlib')).toThrow(PanelDataError);
  expect(() => decodePanelData(z.subarray(0, z.length - 4), 'zlib')).toThrow(PanelDataError);
  expect(() => decodePanelData(plane.subarray(1), 'raw')).toThrow('panel data is 658367 bytes, expected 658368');
  expect(() => decodePanelData(deflateSync(new Uint8Array(PANEL_DOTS * 2)), 'zlib')).toThrow(PanelDataError);
  expect(() => decodePanelData(plane, 'rle')).toThrow('unknown encoding "rle"');
});
