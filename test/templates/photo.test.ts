import { Image } from '@napi-rs/canvas';
import { PHOTO_HEIGHT_PX, PHOTO_WIDTH_PX, drawSyntheticPhoto } from '../../src/templates/photo';

describe('drawSyntheticPhoto', () => {
  it('is deterministic: the same seed gives identical bytes', () => {
    expect(drawSyntheticPhoto('079062004321').equals(drawSyntheticPhoto('079062004321'))).toBe(true);
  });

  it('varies with the seed', () => {
    const photos = ['a', 'b', 'card-1', 'card-2'].map((s) => drawSyntheticPhoto(s).toString('base64'));
    expect(new Set(photos).size).toBe(4);
  });

  it('is a small 240 x 360 JPEG (2:3 like the 20 x 30 mm box)', () => {
    const jpeg = drawSyntheticPhoto('size check');
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(jpeg.length).toBeLessThan(15 * 1024);
    const img = new Image();
    img.src = jpeg;
    expect([img.width, img.height]).toEqual([240, 360]);
    expect([PHOTO_WIDTH_PX, PHOTO_HEIGHT_PX]).toEqual([240, 360]);
  });
});
