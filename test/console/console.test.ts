/**
 * The console in a real browser: Debian's chromium driven by playwright-core, headless, against `cardline serve`
 * with a simulated workstation line (device times scaled down). An operator signs in, starts an order, sees a
 * printer ask for a new ribbon, clears it with the button, and the line finishes the order; the language switches
 * between Vietnamese and English; markup in a name shows as text. Screenshots of the main views are kept in
 * var/test-artifacts/console/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLI, runCli, tempDir } from '../helpers/cli';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
const ARTIFACTS = resolve(__dirname, '../../var/test-artifacts/console');
const PASSWORD = 'correct horse battery staple';

const describeWithChromium = CHROMIUM ? describe : describe.skip;
if (!CHROMIUM) {
  test('console browser tests are skipped: chromium is not installed (apt-get install chromium)', () => {
    // eslint-disable-next-line no-console
    console.warn('skipping the console browser tests: /usr/bin/chromium is missing (apt-get install chromium)');
  });
}

describeWithChromium('the console in chromium', () => {
  const ws = tempDir('console');
  const db = join(ws.dir, 'console.db');
  let server: ChildProcess | undefined;
  let base = '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ws.dir, 'order.ndjson');
    expect(runCli(['sample', '--count', '4', '--seed', 'console', '--out', file]).code).toBe(0);
    expect(runCli(['--db', db, 'import', file, '--order', 'L1']).code).toBe(0);
    const marked = join(ws.dir, 'marked.ndjson');
    expect(runCli(['sample', '--count', '1', '--seed', 'console-2', '--out', marked]).code).toBe(0);
    expect(runCli(['--db', db, 'import', marked, '--order', '<b>bold</b>']).code).toBe(0);
    for (const [name, role] of [['op1', 'operator'], ['sup1', 'supervisor']]) {
      expect(runCli(['--db', db, 'user', 'add', '--name', name!, '--role', role!], { input: `${PASSWORD}\n` }).code).toBe(0);
    }
    server = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', '0', '--line', 'workstation', '--time-scale', '0.02', '--faults', 'printer-1.ribbon@1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    base = await new Promise<string>((ok, fail) => {
      let out = '';
      server!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /serving the API at (http:\/\/[^\s/]+)\/api/.exec(out);
        if (m) ok(m[1]!);
      });
      server!.on('exit', (code) => fail(new Error(`serve exited with ${code}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM!, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    ws.cleanup();
  });

  /** A fresh browser context (no cookies) signed in as `name`. */
  async function signIn(name: string) {
    await page.context().close();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await page.goto(base);
    await page.fill('#login-name', name);
    await page.fill('#login-password', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#line-view:not([hidden])');
  }

  test('refuses a wrong password and says so', async () => {
    await page.goto(base);
    await page.fill('#login-name', 'op1');
    await page.fill('#login-password', 'not the password at all');
    await page.click('#login-form button[type=submit]');
    await page.locator('#login-error:not(:empty)').waitFor();
    expect(await page.textContent('#login-error')).toMatch(/wrong name or password/);
    await page.screenshot({ path: join(ARTIFACTS, 'login.png') });
  }, 30_000);

  test('an operator runs an order, clears a ribbon fault from the console, and the line finishes', async () => {
    await signIn('op1');
    expect(await page.textContent('#who')).toBe('op1 (operator)');
    await page.selectOption('#order-select', 'L1');
    await page.click('#start');
    const station = page.locator('[data-station="printer-1"][data-state="needsOperator"]');
    await station.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'station-needs-operator.png') });
    await station.locator('button[data-action="ribbon-ended"]').click();
    await page.locator('[data-station="printer-1"]:not([data-state="needsOperator"])').waitFor({ timeout: 10_000 });
    const deadline = Date.now() + 60_000;
    while (!(/^L1: 4\D+4/.test((await page.textContent('#progress')) ?? '') && (await page.getAttribute('#line-state', 'data-state')) === 'idle')) {
      if (Date.now() > deadline) throw new Error(`the order did not finish: ${await page.textContent('#progress')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // The throughput chart has a bar per minute of the last hour, and the finished cards are in it.
    await page.locator('#chart rect').nth(59).waitFor({ state: 'attached' });
    const heights = await page.$$eval('#chart rect', (rs) => rs.map((r) => Number(r.getAttribute('height'))));
    expect(heights).toHaveLength(60);
    expect(heights.some((h) => h > 0)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'line-done.png'), fullPage: true });
    const orders = (await page.evaluate(() => fetch('/api/orders/L1').then((r) => r.json()))) as { counts: { produced: number } };
    expect(orders.counts.produced).toBe(4);
  }, 150_000);

  test('switches between Vietnamese and English', async () => {
    await signIn('op1');
    const before = await page.textContent('#logout');
    await page.click('#lang');
    const after = await page.textContent('#logout');
    expect(new Set([before, after])).toEqual(new Set(['Đăng xuất', 'Sign out']));
    await page.click('#lang');
  }, 30_000);

  test('shows markup in an order name as text', async () => {
    await signIn('sup1');
    const options = await page.$$eval('#order-select option', (os) => os.map((o) => o.textContent));
    expect(options.some((o) => o?.startsWith('<b>bold</b>'))).toBe(true);
    expect(await page.$('#order-select b')).toBeNull();
    await page.screenshot({ path: join(ARTIFACTS, 'supervisor.png'), fullPage: true });
    writeFileSync(join(ARTIFACTS, 'README.txt'), 'Screenshots of the console taken by test/console/console.test.ts.\n');
  }, 30_000);
});
