import { PNG } from 'pngjs';
import { encodeOpaquePng } from '../../src/templates/png-encode';

describe('encodeOpaquePng', () => {
  const width = 7;
  const height = 5;
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([(i * 37) % 256, (i * 11) % 256, 255 - i, 255], i * 4);

  it('writes an 8-bit RGB PNG that decodes to the same pixels', async () => {
    const png = await encodeOpaquePng(rgba, width, height, 300);
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    expect(png[25]).toBe(2); // IHDR colour type: truecolour, no alpha
    expect(Array.from(decoded.data)).toEqual(Array.from(rgba));
  });

  it('records the resolution: 300 dpi is 11811 dots per metre', async () => {
    const png = await encodeOpaquePng(rgba, width, height, 300);
    const at = png.indexOf('pHYs');
    expect(at).toBeGreaterThan(0);
    expect([png.readUInt32BE(at + 4), png.readUInt32BE(at + 8), png[at + 12]]).toEqual([11811, 11811, 1]);
  });

  it('rejects a pixel buffer of the wrong size', async () => {
    await expect(encodeOpaquePng(rgba.subarray(4), width, height, 300)).rejects.toThrow(RangeError);
  });
});
