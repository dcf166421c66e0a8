/**
 * Principle 1 across a real crash: a process that wrote a step's intent and was then killed (SIGKILL, no
 * cleanup, WAL not checkpointed) leaves exactly that intent for the next process's inFlight() to find.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { runCli, tempDir } from '../helpers/cli';
import { Store } from '../../src/controller/store';
import { ndjson, sampleRecords, TODAY } from '../controller/store/store-fixtures';

const ws = tempDir('store-recovery');
afterAll(() => ws.cleanup());
const DIST_STORE = resolve(__dirname, '../../dist/controller/store');

it('finds the open step of a process killed in the middle of a device step', () => {
  const db = join(ws.dir, 'cardline.db');
  const file = join(ws.dir, 'r.ndjson');
  require('node:fs').writeFileSync(file, ndjson(sampleRecords(2, 'crash')));
  expect(runCli(['--db', db, 'import', file, '--order', 'CRASH'], { env: { CARDLINE_TODAY: TODAY } }).code).toBe(0);

  const script = `
    const { Store } = require(${JSON.stringify(DIST_STORE)});
    const store = Store.open(${JSON.stringify(db)}, { env: {}, actor: 'line' });
    store.recordRestart('start-up');
    const [record] = store.nextQueued(1);
    store.issueBlanks([{ id: 'K-1' }]);
    const job = store.startJob({ recordId: record.id, cardId: 'K-1' });
    store.endStep(store.beginStep({ jobId: job.id, station: 'printer-1', step: 'feed' }).id, 'ok');
    store.beginStep({ jobId: job.id, station: 'enc-1', step: 'write-chip' });
    process.kill(process.pid, 'SIGKILL');`;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, CARDLINE_DATA_KEY: '' } });
  expect(child.signal).toBe('SIGKILL');

  const store = Store.open(db, { env: {} });
  const found = store.inFlight();
  expect(found.openSteps.map((s) => [s.station, s.step, s.cardId, s.jobState])).toEqual([['enc-1', 'write-chip', 'K-1', 'running']]);
  expect(found.cards.map((c) => [c.id, c.state])).toEqual([['K-1', 'in-process']]);
  store.recordRestart('recovery after crash');
  expect(store.verifyAudit().ok).toBe(true);
  store.close();
});
