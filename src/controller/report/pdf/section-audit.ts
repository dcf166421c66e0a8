/**
 * Section 7: the audit chain's status and its head, with room to sign. The head is printed in full so a
 * supervisor can carry it outside the system: a hash chain cannot show on its own that its last entries were cut
 * off or that it was recomputed as a whole, but a head noted elsewhere can (store/STORE.md, "The audit log").
 */
import type { ReportData } from '../report-data';
import { formatInt } from '../format';
import type { ReportFlow } from './report-flow';
import { drawFacts } from './pdf-facts';
import { COLOR, FONT, SIZE } from './report-style';

/** The one-line verdict on the chain. */
export function auditVerdict(a: ReportData['audit']): string {
  if (a.firstBreak !== null) return `Audit chain BROKEN at entry ${a.firstBreak.seq}: ${a.firstBreak.reason}`;
  if (a.missingTriggers.length > 0) return `Audit log no longer append-only: trigger(s) ${a.missingTriggers.join(', ')} missing`;
  if (a.entries === 0) return 'The audit log is empty.';
  return `Audit chain verified: ${formatInt(a.entries)} entries, every link and hash checked, append-only triggers in place.`;
}

function signatureLines(flow: ReportFlow): void {
  const height = 44;
  flow.ensure(height + 10);
  flow.y += 14;
  const col = (flow.width - 20) / 2;
  for (const [i, who] of ['Operator (name, signature, date)', 'Supervisor (name, signature, date)'].entries()) {
    const x = flow.left + i * (col + 20);
    flow.doc.save().moveTo(x, flow.y + 26).lineTo(x + col, flow.y + 26).lineWidth(0.6).strokeColor(COLOR.rule).stroke().restore();
    flow.style(FONT.regular, SIZE.small, COLOR.muted).text(who, x, flow.y + 30, { width: col, lineBreak: false });
  }
  flow.y += height;
}

/** Draws the verdict, the head to note outside the system, and the sign-off lines. */
export function drawAuditSection(flow: ReportFlow, data: ReportData): void {
  const a = data.audit;
  flow.heading('7. Audit chain', 150);
  flow.text(auditVerdict(a), { font: FONT.bold, color: a.ok ? COLOR.ok : COLOR.alarm, after: 2 });
  if (a.firstBreak !== null && a.missingTriggers.length > 0) {
    flow.text(`Append-only trigger(s) missing as well: ${a.missingTriggers.join(', ')}.`, { color: COLOR.alarm });
  }
  flow.text('The chain covers every order of this database, not this order alone.', { size: SIZE.small, color: COLOR.muted, after: 6 });
  if (a.head !== null) {
    // Not grouped in thousands: written as `cardline audit verify` prints it, so the two compare as they are.
    drawFacts(flow, [{ label: 'Head entry', value: String(a.head.seq), bold: true }]);
    flow.text('Head hash (SHA-256):', { color: COLOR.muted, after: 1 });
    flow.text(a.head.hash, { font: FONT.mono, size: SIZE.body, after: 6 });
    flow.text(
      'Note this head somewhere the database cannot be written from (the signed shift report, a second system) and compare it ' +
        'with `cardline audit verify` later: the chain alone cannot show that its last entries were cut off, or that it was ' +
        'recomputed as a whole.',
      { size: SIZE.small, color: COLOR.muted },
    );
  }
  signatureLines(flow);
}
