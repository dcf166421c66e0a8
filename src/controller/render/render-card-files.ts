import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toCardView } from '../../templates/card-view';
import { renderCardPdf } from '../../templates/render-pdf';
import { renderCardPanels } from '../../templates/render-raster';
import type { RenderResult, RenderTask } from './render-task';

/** Renders one card's PDF proof (and optionally its printer panels) and writes them to the task's folder. */
export async function renderCardFiles(task: RenderTask): Promise<RenderResult> {
  const view = toCardView(task.record, task.product, task.photo);
  const id = task.record.personalId;
  const pdfPath = join(task.outDir, `${id}.pdf`);
  await writeFile(pdfPath, await renderCardPdf(view));
  const files = [pdfPath];
  if (task.raster) {
    const panels = await renderCardPanels(view);
    const front = join(task.outDir, `${id}-front.png`);
    const back = join(task.outDir, `${id}-back.png`);
    await writeFile(front, panels.front);
    await writeFile(back, panels.back);
    files.push(front, back);
  }
  return { personalId: id, files };
}
