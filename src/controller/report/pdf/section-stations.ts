/** Section 5: how busy and how available each station was, from the latest run that measured it. */
import type { ReportData } from '../report-data';
import { formatDecimal, formatInt, formatPercent } from '../format';
import type { ReportFlow } from './report-flow';
import { drawTable } from './pdf-table';
import { COLOR, SIZE } from './report-style';

/** Draws the station table with bars, or says that no run recorded station figures. */
export function drawStationsSection(flow: ReportFlow, data: ReportData): void {
  const s = data.stations;
  flow.heading('5. Station utilisation');
  if (s.fromRun === null) {
    flow.text(
      data.runs.total === 0
        ? 'No run of this order is recorded, so there are no station figures.'
        : 'No run of this order recorded station figures.',
      { color: COLOR.muted },
    );
    return;
  }
  let source = `From the summary of run #${s.fromRun.id} (${s.fromRun.status}).`;
  if (s.latestRunWithout !== null) source += ` The latest run, #${s.latestRunWithout}, recorded no station figures.`;
  flow.text(source, { after: 5 });
  const bar = 150;
  drawTable(
    flow,
    [
      { header: 'Station', width: flow.width - 70 - 2 * bar },
      { header: 'Jobs done', width: 70, align: 'right' },
      { header: 'Utilisation', width: bar },
      { header: 'Availability', width: bar },
    ],
    s.stations.map((st) => [
      st.id,
      formatInt(st.jobsDone),
      { bar: st.utilisation, text: formatPercent(st.utilisation) },
      { bar: st.availability, text: formatPercent(st.availability), color: COLOR.barAlt },
    ]),
  );
  if (s.timing !== null) {
    flow.text(
      `Bottleneck: ${s.timing.bottleneck}; the devices allow ${formatDecimal(s.timing.boundCardsPerHour, 1)} cards/h, ` +
        `and the run reached ${formatPercent(s.timing.efficiency)} of that.`,
    );
  }
  flow.text(
    "Utilisation: share of the run's time the station was busy with a card. Availability: share of the run's time it was " +
      'neither waiting for an operator nor offline.',
    { size: SIZE.small, color: COLOR.muted },
  );
}
