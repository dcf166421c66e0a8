/** Small real JPEGs for DG2 tests, drawn with @napi-rs/canvas at a size the test chooses. */
import { createCanvas } from '@napi-rs/canvas';

/** A `width` x `height` colour JPEG (a flat background with one rectangle). */
export function makeJpeg(width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#dde4ee';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#7a5c44';
  ctx.fillRect(Math.floor(width / 4), Math.floor(height / 5), Math.floor(width / 2), Math.floor(height / 2));
  return new Uint8Array(canvas.encodeSync('jpeg', 80));
}
