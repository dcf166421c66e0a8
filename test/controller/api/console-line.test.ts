/**
 * Dual control of the decisions on held cards (ConsoleLine over a stand-in for the running line): verifying takes
 * one supervisor; destroying is proposed by one and takes effect only when a different one makes the same
 * decision.
 */
import { ConsoleLine } from '../../../src/controller/api/console-line';
import { ApiError } from '../../../src/controller/api/api-error';
import type { LineRun } from '../../../src/controller/line/line-run';

function fakeLine(heldIds: number[]) {
  const decisions: { recordId: number; decision: string; by: string[] }[] = [];
  const held = new Set(heldIds);
  const line = {
    lineState: 'running',
    heldView: () => [...held].map((recordId) => ({ recordId, seq: recordId, maskedId: 'x', cardId: 'C1', station: 'printer-1', reason: 'no card answers', step: 'personalize', refused: undefined })),
    decide: async (recordId: number, decision: string, by: string[]) => {
      decisions.push({ recordId, decision, by });
      held.delete(recordId);
    },
  };
  return { line: line as unknown as LineRun, decisions };
}

async function running(heldIds: number[]) {
  const fake = fakeLine(heldIds);
  let finish!: () => void;
  const console = new ConsoleLine(async ({ onLine }) => {
    onLine(fake.line);
    await new Promise<void>((r) => (finish = r));
  });
  console.start('ORDER', 'op1');
  await Promise.resolve();
  return { console, decisions: fake.decisions, finish: () => finish() };
}

it('destroys a held card only when a second, different supervisor approves', async () => {
  const { console, decisions, finish } = await running([7]);
  expect(await console.decide(7, 'destroy', 'sup-a')).toEqual({ outcome: 'proposed', by: ['sup-a'] });
  expect(console.held()[0]).toMatchObject({ recordId: 7, proposedBy: 'sup-a' });
  expect(decisions).toEqual([]);
  await expect(console.decide(7, 'destroy', 'SUP-A')).rejects.toMatchObject({ statusCode: 409 });
  expect(decisions).toEqual([]);
  expect(await console.decide(7, 'destroy', 'sup-b')).toEqual({ outcome: 'decided', by: ['sup-a', 'sup-b'] });
  expect(decisions).toEqual([{ recordId: 7, decision: 'destroy', by: ['sup-a', 'sup-b'] }]);
  finish();
});

it('verifies with one supervisor, and refuses decisions on cards that are not held', async () => {
  const { console, decisions, finish } = await running([3]);
  expect(await console.decide(3, 'verify', 'sup-a')).toEqual({ outcome: 'decided', by: ['sup-a'] });
  expect(decisions).toEqual([{ recordId: 3, decision: 'verify', by: ['sup-a'] }]);
  const error = await console.decide(3, 'destroy', 'sup-b').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).statusCode).toBe(404);
  finish();
});

it('has no line to decide on before a run starts, and none to start without a starter', async () => {
  const idle = new ConsoleLine(undefined);
  expect(() => idle.start('ORDER', 'op1')).toThrow(expect.objectContaining({ statusCode: 501 }));
  await expect(idle.decide(1, 'verify', 'sup-a')).rejects.toMatchObject({ statusCode: 409 });
});
