/**
 * A list of labelled figures (label on the left in grey, value on the right), for the header and the yield:
 * facts an auditor reads one by one rather than compares across rows.
 */
import type { ReportFlow } from './report-flow';
import { COLOR, FONT, SIZE } from './report-style';

/** One labelled figure. */
export interface Fact {
  label: string;
  value: string;
  color?: string;
  bold?: boolean;
}

/** Draws `facts`, labels in a column `labelWidth` wide; each row stays on one page. */
export function drawFacts(flow: ReportFlow, facts: readonly Fact[], labelWidth = 150): void {
  const valueWidth = flow.width - labelWidth;
  for (const f of facts) {
    const font = f.bold ? FONT.bold : FONT.regular;
    const height = Math.max(flow.measure(f.label, FONT.regular, SIZE.body, labelWidth - 6), flow.measure(f.value, font, SIZE.body, valueWidth));
    flow.ensure(height);
    flow.style(FONT.regular, SIZE.body, COLOR.muted).text(f.label, flow.left, flow.y, { width: labelWidth - 6 });
    flow.style(font, SIZE.body, f.color ?? COLOR.text).text(f.value, flow.left + labelWidth, flow.y, { width: valueWidth });
    flow.y += height + 2.5;
  }
  flow.y += 3;
}
