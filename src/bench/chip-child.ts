/**
 * Benchmark child: personalize + QC-verify virtual chips through the in-process channel, the way a chip station
 * does (fresh chip, JMRTD-style personalization, then BAC, reading every file, passive and active authentication).
 * Data preparation (building the chip image) happens once, before the clock starts. Args: CARDS MAXCHUNK.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { buildChipImage } from '../identity/lds/chip-image-builder';
import { createSoftwareDocumentSigner } from '../identity/pki/document-signer';
import { issueTestPki } from '../identity/pki/test-pki';
import type { CitizenRecord } from '../identity/record';
import { JmrtdPersonalizer, QcReader, cryptoRandom, qcExpectationForRecord } from '../devices/chip';
import { VirtualChip, virtualChipChannel } from '../simulators/chip';
import { reportToParent } from './measure';

const RECORD: CitizenRecord = {
  personalId: '001199012345',
  fullName: 'Nguyễn Thị Mai',
  dateOfBirth: '1999-03-15',
  sex: 'F',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Hải Châu, Huyện Hải Hậu, Nam Định',
  placeOfResidence: 'Số 12 Phố Huế, Phường Phạm Đình Hổ, Quận Hai Bà Trưng, Hà Nội',
  issueDate: '2021-06-22',
};

/** A JPEG of about `bytes` bytes: noise compresses badly, so a 20 KB portrait needs only a modest canvas. */
function jpegOfAbout(bytes: number): Uint8Array {
  for (let side = 80; ; side += 8) {
    const canvas = createCanvas(side, Math.round(side * 1.25));
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(canvas.width, canvas.height);
    let x = 12345;
    for (let i = 0; i < img.data.length; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      img.data[i] = i % 4 === 3 ? 255 : x >>> 24;
    }
    ctx.putImageData(img, 0, 0);
    const jpeg = canvas.encodeSync('jpeg', 90);
    if (jpeg.length >= bytes) return new Uint8Array(jpeg);
  }
}

async function main(): Promise<void> {
  const cards = Number(process.argv[2] ?? 300);
  const maxChunk = Number(process.argv[3] ?? 255);
  const now = new Date('2025-01-01T00:00:00Z');
  const cscaKey = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
  const dsKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const pki = issueTestPki({ cscaPrivateKey: cscaKey, documentSignerPrivateKey: dsKey, now, cscaSerial: 1n, documentSignerSerial: 2n });
  const signer = createSoftwareDocumentSigner(dsKey, pki.documentSigner);
  const aa = new Uint8Array(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'der' }));
  const image = await buildChipImage({ record: RECORD, product: 'vn-cccd-2021', photoJpeg: jpegOfAbout(20_000), aaPrivateKeyPkcs8: aa, signer });
  const dg2 = image.files.find((f) => f.name === 'DG2')!.bytes.length;
  const personalizer = new JmrtdPersonalizer({ maxChunk });
  const reader = new QcReader({ cscaCertificates: [pki.csca], at: new Date('2025-06-01T00:00:00Z'), random: cryptoRandom, maxRead: maxChunk });
  const expected = qcExpectationForRecord(RECORD, 'vn-cccd-2021');

  let apdus = 0;
  const one = async (i: number) => {
    const chip = new VirtualChip({ seed: i });
    chip.powerOn();
    const perso = await personalizer.personalize(virtualChipChannel(chip), image);
    const report = await reader.read(virtualChipChannel(chip), expected);
    if (!report.passed) throw new Error(`card ${i} failed QC: ${JSON.stringify(report.errors)}`);
    apdus += perso.apdus + report.apdus;
  };
  for (let i = 0; i < 20; i++) await one(-1 - i); // warm-up
  apdus = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < cards; i++) await one(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  reportToParent(
    { cards, cardsPerSecond: cards / seconds, cardsPerCpuSecond: cards / ((cpu.user + cpu.system) / 1e6), apdusPerCard: apdus / cards, dg2Bytes: dg2 },
    seconds,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
