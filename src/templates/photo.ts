/**
 * Synthetic face photos for demos, simulations and tests: a plain passport-style portrait (light background,
 * shoulders, neck, head, hair, eyes, brows, nose, mouth) drawn with @napi-rs/canvas. Everything varies with a
 * seed through a small deterministic PRNG, never Math.random, so the same seed always gives the same JPEG
 * bytes and a simulated production run is reproducible. These are drawings of no one.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

/** Photo size in pixels: 2:3, the shape of the 20 x 30 mm photo box (300 dpi would be 236 x 354). */
export const PHOTO_WIDTH_PX = 240;
/** See {@link PHOTO_WIDTH_PX}. */
export const PHOTO_HEIGHT_PX = 360;

/** JPEG quality: smooth drawn shapes stay clean at 80 and the file stays around 10 KB. */
const JPEG_QUALITY = 80;

/** FNV-1a over the UTF-16 code units: spreads similar seeds ("card-1", "card-2") to unrelated states. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny 32-bit PRNG, plenty for picking colours and proportions. Returns [0, 1). */
function prng(seed: string): () => number {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BACKGROUNDS = ['#eef2f6', '#f4f4f2', '#e8eef6', '#f1f3f5', '#eaf0f0'];
const SKIN = ['#f1d3b8', '#e8c39e', '#dcb08a', '#c99872', '#f3dcc6', '#d9a87e'];
const HAIR = ['#1b1512', '#2a1f1a', '#3a2a20', '#141414', '#4a3426'];
const CLOTHES = ['#1f2d4a', '#ffffff', '#2f3b2f', '#5a1f24', '#3d4a5c', '#e9e6df', '#20242a'];
const LIPS = ['#b5646a', '#a85a5a', '#c07a78', '#9c5553'];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length) % items.length] as T;
}

function ellipse(ctx: SKRSContext2D, cx: number, cy: number, rx: number, ry: number, color: string): void {
  ctx.beginPath();
  ctx.ellipse(cx, cy, rx, ry, 0, 0, 2 * Math.PI);
  ctx.fillStyle = color;
  ctx.fill();
}

/**
 * Draws a synthetic portrait for `seed` and returns it as a baseline JPEG, {@link PHOTO_WIDTH_PX} x
 * {@link PHOTO_HEIGHT_PX} (2:3). Same seed, same bytes.
 */
export function drawSyntheticPhoto(seed: string): Buffer {
  const rand = prng(seed);
  const between = (lo: number, hi: number): number => lo + (hi - lo) * rand();
  const W = PHOTO_WIDTH_PX;
  const H = PHOTO_HEIGHT_PX;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');

  const skin = pick(rand, SKIN);
  const hair = pick(rand, HAIR);
  const clothes = pick(rand, CLOTHES);
  const longHair = rand() < 0.45;
  const cx = W / 2 + between(-5, 5);
  // Passport framing: the head (crown to chin) takes a little over half the height.
  const headRx = between(64, 74);
  const headRy = headRx * between(1.24, 1.34);
  const headCy = between(158, 168);
  const chin = headCy + headRy;

  ctx.fillStyle = pick(rand, BACKGROUNDS);
  ctx.fillRect(0, 0, W, H);

  // Long hair falls behind the shoulders, so it is drawn first.
  if (longHair) {
    ctx.beginPath();
    ctx.moveTo(cx - headRx * 1.15, headCy - headRy * 0.2);
    ctx.quadraticCurveTo(cx - headRx * 1.35, chin + 40, cx - headRx * 1.05, chin + between(50, 80));
    ctx.lineTo(cx + headRx * 1.05, chin + between(50, 80));
    ctx.quadraticCurveTo(cx + headRx * 1.35, chin + 40, cx + headRx * 1.15, headCy - headRy * 0.2);
    ctx.closePath();
    ctx.fillStyle = hair;
    ctx.fill();
  }

  // Shoulders and clothes.
  const shoulderY = chin + between(26, 36);
  ctx.beginPath();
  ctx.moveTo(-10, H);
  ctx.lineTo(-10, shoulderY + 60);
  ctx.quadraticCurveTo(cx - 110, shoulderY - 6, cx - 30, shoulderY - 10);
  ctx.lineTo(cx + 30, shoulderY - 10);
  ctx.quadraticCurveTo(cx + 110, shoulderY - 6, W + 10, shoulderY + 60);
  ctx.lineTo(W + 10, H);
  ctx.closePath();
  ctx.fillStyle = clothes;
  ctx.fill();

  // Neck, with the collar's V drawn over it.
  ctx.fillStyle = skin;
  ctx.fillRect(cx - headRx * 0.42, chin - 30, headRx * 0.84, shoulderY - chin + 24);
  ctx.beginPath();
  ctx.moveTo(cx - 30, shoulderY - 10);
  ctx.lineTo(cx, shoulderY + between(22, 40));
  ctx.lineTo(cx + 30, shoulderY - 10);
  ctx.closePath();
  ctx.fillStyle = skin;
  ctx.fill();
  ctx.strokeStyle = clothes === '#ffffff' || clothes === '#e9e6df' ? '#b9b9b9' : '#00000055';
  ctx.lineWidth = 2;
  ctx.stroke();

  // Volume of the hair behind the head, then ears, then the head over them.
  ellipse(ctx, cx, headCy - headRy * 0.14, headRx * between(1.06, 1.14), headRy * 1.0, hair);
  ellipse(ctx, cx - headRx * 0.98, headCy + 6, 10, 18, skin);
  ellipse(ctx, cx + headRx * 0.98, headCy + 6, 10, 18, skin);
  ellipse(ctx, cx, headCy, headRx, headRy, skin);

  // Hair: a cap over the crown down to a parted fringe at the hairline.
  const hairline = headCy - headRy * between(0.4, 0.55);
  const part = cx + headRx * between(-0.35, 0.35);
  ctx.beginPath();
  ctx.moveTo(cx - headRx * 1.02, headCy - headRy * 0.12);
  const crown = headCy - headRy * 1.45;
  ctx.bezierCurveTo(cx - headRx * 1.1, crown, cx + headRx * 1.1, crown, cx + headRx * 1.02, headCy - headRy * 0.12);
  ctx.quadraticCurveTo(cx + headRx * 0.8, hairline, part, hairline - 8);
  ctx.quadraticCurveTo(cx - headRx * 0.8, hairline, cx - headRx * 1.02, headCy - headRy * 0.12);
  ctx.closePath();
  ctx.fillStyle = hair;
  ctx.fill();

  // Eyes: white, iris, pupil; brows above.
  const eyeY = headCy + between(-4, 6);
  const eyeDx = headRx * between(0.36, 0.44);
  const eyeRx = between(8.5, 11);
  for (const side of [-1, 1]) {
    const ex = cx + side * eyeDx;
    ellipse(ctx, ex, eyeY, eyeRx, eyeRx * 0.55, '#fbfbf8');
    ellipse(ctx, ex, eyeY, eyeRx * 0.5, eyeRx * 0.5, '#3b2a20');
    ellipse(ctx, ex, eyeY, eyeRx * 0.22, eyeRx * 0.22, '#0d0d0d');
    ctx.beginPath();
    ctx.moveTo(ex - eyeRx * 1.2, eyeY - eyeRx * between(1.1, 1.4));
    ctx.quadraticCurveTo(ex, eyeY - eyeRx * between(1.6, 2.0), ex + eyeRx * 1.2, eyeY - eyeRx * 1.2);
    ctx.strokeStyle = hair;
    ctx.lineWidth = between(3, 4.5);
    ctx.lineCap = 'round';
    ctx.stroke();
  }

  // Nose: the shadow under its tip and the two nostrils.
  const noseY = eyeY + headRy * between(0.32, 0.4);
  const noseW = headRx * between(0.16, 0.22);
  ctx.strokeStyle = '#00000038';
  ctx.lineWidth = 2.5;
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(cx - noseW, noseY - 2);
  ctx.quadraticCurveTo(cx, noseY + 6, cx + noseW, noseY - 2);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(cx - 3, eyeY + 14);
  ctx.quadraticCurveTo(cx - 5, noseY - 10, cx - 2, noseY - 6);
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#0000001f';
  ctx.stroke();

  // Mouth: upper and lower lip as two curves, a neutral expression.
  const mouthY = noseY + headRy * between(0.24, 0.3);
  const mouthW = headRx * between(0.32, 0.42);
  ctx.beginPath();
  ctx.moveTo(cx - mouthW, mouthY);
  ctx.quadraticCurveTo(cx, mouthY - 5, cx + mouthW, mouthY);
  ctx.quadraticCurveTo(cx, mouthY + between(7, 11), cx - mouthW, mouthY);
  ctx.closePath();
  ctx.fillStyle = pick(rand, LIPS);
  ctx.fill();

  return canvas.encodeSync('jpeg', JPEG_QUALITY);
}
