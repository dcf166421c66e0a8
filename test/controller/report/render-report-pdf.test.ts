/**
 * renderReportPdf checked with poppler: A4 pages, DejaVu embedded and nothing else, the figures of every section
 * in the extracted text, the chart drawn as vectors, findings in red only when there is something to act on,
 * long tables continued with their header on later pages, and the same bytes for the same data.
 */
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { gatherReportData, renderReportPdf, type ReportData } from '../../../src/controller/report';
import { HAVE_POPPLER, poppler, rasterisePage, removeTempDirs, skipWithoutPoppler, writePdf } from '../../helpers/poppler';
import { workspace } from '../store/store-fixtures';
import { GENERATED_AT, buildScenario, largeReportData, type Scenario } from './report-fixtures';

const ws = workspace('report-render');
afterAll(() => {
  ws.cleanup();
  removeTempDirs();
});
let n = 0;
let s: Scenario;
beforeEach(async () => {
  s = await buildScenario(join(ws.dir, `render-${++n}.db`), ws.dir);
});
afterEach(() => s.store.close());

/** pdftotext of the whole file (or one page), with the layout kept so table rows stay on one line. */
function text(pdfPath: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return poppler('pdftotext', ['-layout', ...range, pdfPath, '-']);
}

function pageCount(pdfPath: string): number {
  return Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdfPath]))![1]);
}

/** Pixels of the alarm red (#c62828, anti-aliasing allowed for) on a page rendered at 100 dpi. */
function redPixels(pdfPath: string, page: number): number {
  const png = PNG.sync.read(rasterisePage(pdfPath, page, 100));
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (png.data[i]! > 160 && png.data[i + 1]! < 90 && png.data[i + 2]! < 90) count++;
  }
  return count;
}

async function renderToFile(data: ReportData, name: string): Promise<string> {
  return writePdf(await renderReportPdf(data), name);
}

describe('renderReportPdf', () => {
  it('writes A4 portrait pages with DejaVu embedded, the info dates of generatedAt, and a vector chart', async () => {
    if (skipWithoutPoppler('report PDF structure')) return;
    const path = await renderToFile(gatherReportData(s.store, s.orderId, GENERATED_AT), 'structure.pdf');
    const info = poppler('pdfinfo', ['-isodates', path]);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/CreationDate:\s+2026-01-15T17:45:00(Z|\+00)/);
    expect(info).toMatch(/ModDate:\s+2026-01-15T17:45:00(Z|\+00)/);
    expect(info).toMatch(/Title:\s+Production report: order HN-2026-01-A/);
    const pages = pageCount(path);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(3);
    const fonts = poppler('pdffonts', [path]).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const line of fonts) {
      expect(line).toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold|Mono)?\s/);
      expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, with a Unicode map
    }
    // The chart is drawn with paths: the file holds no image at all.
    expect(poppler('pdfimages', ['-list', path]).split('\n').slice(2).filter((l) => l.trim() !== '')).toEqual([]);
  });

  it('shows the figures of every section', async () => {
    if (skipWithoutPoppler('report PDF text')) return;
    const path = await renderToFile(gatherReportData(s.store, s.orderId, GENERATED_AT), 'figures.pdf');
    const all = text(path).replace(/\s+/g, ' ');
    // 1. Header
    for (const t of [
      'Production report',
      'Order HN-2026-01-A',
      'First job 2026-01-15 08:00:05 UTC',
      'Last job 2026-01-15 08:36:00 UTC',
      'Production span 35 min 55 s',
      'Runs 2: 1 completed, 1 crashed',
      'Report generated 2026-01-15 17:45:00 UTC',
      '#1 crashed 2026-01-15 08:00:00 UTC 2026-01-15 08:05:00 UTC 5 min seed-1',
      '#2 completed 2026-01-15 08:30:00 UTC 2026-01-15 08:36:10 UTC 6 min 10 s seed-2',
    ]) expect(all).toContain(t);
    // 2. Yield
    for (const t of [
      'Records in the order 12',
      'Produced 9 (75.0 %)',
      'Failed (out of attempts) 1 (8.3 %)',
      'Held (awaiting a decision) 1 (8.3 %)',
      'Queued 1 (8.3 %)',
      'First-pass yield 88.9 %: 8 of 9 produced records needed one card only',
      '60.0 %: 9 good of 15 consumed',
    ]) expect(all).toContain(t);
    // 3. Rejects (the failed record's reason appears in the yield too)
    expect(all).toMatch(/chip 2 40\.0 %/);
    expect(all).toMatch(/chip: write failed \(SW 6581\) 2 40\.0 %/);
    expect(all).toMatch(/qc: print score 0\.61 below 0\.80 1 20\.0 %/);
    expect(all).toMatch(/mix-up: chip UID does not match the card 1 20\.0 %/);
    expect(all).toMatch(/damaged: scratched before use 1 20\.0 %/);
    // 4. Throughput
    expect(all).toContain('9 good cards in 35 min 55 s from the first job to the last: average 15.0 good cards/h; busiest 2 min: 3 cards.');
    expect(all).toContain('good cards per 2 min');
    expect(all).toContain('average: 0.5 per 2 min (15.0 per hour)');
    for (const t of ['08:00', '08:12', '08:30']) expect(all).toContain(t);
    // 5. Stations, in natural order
    expect(all).toMatch(/enc-2 7 81\.3 % 90\.0 %[\s\S]*enc-10 2 25\.0 % 100\.0 %[\s\S]*printer-1 9 43\.1 % 97\.0 %/);
    expect(all).toContain('From the summary of run #2 (completed).');
    // 6. Stock
    expect(all).toContain('20 issued = 9 good + 5 spoiled + 1 in doubt + 1 returned + 4 on the line + 0 unaccounted');
    expect(all).toContain('Nothing unaccounted.');
    expect(all).toContain("Every card's state agrees with its stock movements.");
    // 7. Audit
    const head = s.store.verifyAudit().head!;
    expect(all).toContain(`Audit chain verified: ${head.seq} entries`);
    expect(all).toContain(`Head entry ${head.seq}`);
    expect(all).toContain(head.hash);
    // Footer on every page
    const pages = pageCount(path);
    for (let p = 1; p <= pages; p++) expect(text(path, p)).toContain(`page ${p} of ${pages}`);
  });

  it('gives the same bytes for the same data, and other info dates for another generatedAt', async () => {
    const data = gatherReportData(s.store, s.orderId, GENERATED_AT);
    const a = await renderReportPdf(data);
    const b = await renderReportPdf(JSON.parse(JSON.stringify(data)) as ReportData);
    expect(b.equals(a)).toBe(true);
    const later = await renderReportPdf({ ...data, generatedAt: '2026-02-01T00:00:00.000Z' });
    expect(later.equals(a)).toBe(false);
    if (HAVE_POPPLER) expect(poppler('pdfinfo', ['-isodates', writePdf(later, 'later.pdf')])).toMatch(/CreationDate:\s+2026-02-01T00:00:00/);
  });

  it('puts red only where there is something to act on: cards unaccounted, an inconsistent card, a broken chain', async () => {
    if (skipWithoutPoppler('report PDF colours')) return;
    const clean = await renderToFile(gatherReportData(s.store, s.orderId, GENERATED_AT), 'clean.pdf');
    const cleanPages = pageCount(clean);
    // Page 1 has the crashed run and the failed record in red; the later pages, with the ledger and the
    // chain, have nothing to act on.
    for (let p = 2; p <= cleanPages; p++) expect(redPixels(clean, p)).toBe(0);

    s.store.db
      .prepare("INSERT INTO cards (id, order_id, state, issued_at, updated_at) VALUES ('X-EXTRA', ?, 'issued', ?, ?)")
      .run(s.orderId, '2026-01-15T09:00:00.000Z', '2026-01-15T09:00:00.000Z');
    s.store.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    s.store.db.prepare("UPDATE audit_log SET actor = 'nobody' WHERE seq = 3").run();
    const bad = await renderToFile(gatherReportData(s.store, s.orderId, GENERATED_AT), 'bad.pdf');
    const all = text(bad).replace(/\s+/g, ' ');
    expect(all).toContain('UNACCOUNTED: 1 more cards on the books than were issued.');
    expect(all).toMatch(/Unaccounted -1/);
    expect(all).toContain('X-EXTRA');
    expect(all).toContain('Audit chain BROKEN at entry 3');
    expect(all).toContain('Append-only trigger(s) missing as well: audit_log_no_update, audit_log_no_delete.');
    let red = 0;
    for (let p = 2; p <= pageCount(bad); p++) red += redPixels(bad, p);
    expect(red).toBeGreaterThan(200);
  });

  it('says so when there is nothing to report yet', async () => {
    if (skipWithoutPoppler('report PDF of an empty order')) return;
    const data = gatherReportData(s.store, s.orderId, GENERATED_AT);
    const empty: ReportData = {
      ...data,
      period: { firstJobAt: null, lastJobAt: null, seconds: 0 },
      runs: { total: 0, byStatus: { running: 0, completed: 0, aborted: 0, crashed: 0 }, list: [] },
      records: { total: 3, produced: 0, failed: 0, held: 0, queued: 3, inProgress: 0, failedReasons: [] },
      yield: { producedFirstPass: 0, firstPassYield: null, cardsConsumed: 0, cardsGood: 0, goodPerConsumed: null },
      rejects: { total: 0, byKind: [], byReason: [] },
      throughput: { bucketSeconds: 60, bucketLabel: '1 min', buckets: [], good: 0, averagePerHour: null, peak: 0 },
      stations: { fromRun: null, latestRunWithout: null, stations: [], timing: null },
      stock: { issued: 0, good: 0, spoiled: 0, inDoubt: 0, returned: 0, onLine: 0, unaccounted: 0, inconsistentCards: [] },
    };
    const all = text(await renderToFile(empty, 'empty.pdf')).replace(/\s+/g, ' ');
    for (const t of [
      'First job n/a',
      'Production span no job yet',
      'Runs none recorded',
      'First-pass yield n/a',
      'No card of this order was spoiled.',
      'No good card yet: nothing to chart.',
      'No run of this order is recorded, so there are no station figures.',
      'Nothing unaccounted.',
    ]) expect(all).toContain(t);
  });

  it('cuts a pathological reason in the table rather than letting its row run off the page', async () => {
    if (skipWithoutPoppler('report PDF with a long reason')) return;
    const data = gatherReportData(s.store, s.orderId, GENERATED_AT);
    const long = `chip: ${'the encoder said something very long '.repeat(150)}`;
    const path = await renderToFile({ ...data, rejects: { ...data.rejects, byReason: [{ label: long, count: 1, share: 1 }] } }, 'long-reason.pdf');
    expect(pageCount(path)).toBeLessThanOrEqual(4);
    const all = text(path).replace(/\s+/g, ' ');
    expect(all).toContain('the encoder said something very long the encoder said');
    expect(all).toContain('…');
  });

  it('continues long tables on new pages with their header, and numbers every page', async () => {
    if (skipWithoutPoppler('long report PDF')) return;
    const data = largeReportData({ reasons: 120, runs: 30, stations: 40 });
    const path = await renderToFile(data, 'long.pdf');
    const pages = pageCount(path);
    expect(pages).toBeGreaterThanOrEqual(6);
    const reasonPages: number[] = [];
    for (let p = 1; p <= pages; p++) {
      const t = text(path, p);
      expect(t).toContain(`page ${p} of ${pages}`);
      expect(t).toContain('order Hà Nội đợt 1/2026');
      if (/synthetic reason number \d+/.test(t)) {
        reasonPages.push(p);
        expect(t).toMatch(/Reason\s+Cards\s+Share/);
      }
    }
    expect(reasonPages.length).toBeGreaterThanOrEqual(3);
    const all = text(path).replace(/\s+/g, ' ');
    // Every row is there once, none lost at a page break.
    for (let i = 1; i <= 120; i++) expect(all.split(`synthetic reason number ${i} with`).length - 1).toBe(1);
    expect(all).toContain('(the first 50 listed)');
    expect(all).toContain('C000050');
    expect(all).toContain('UNACCOUNTED: 3 cards issued to the line are in no category.');
    expect(all).toContain('enc-40');
  });
});
