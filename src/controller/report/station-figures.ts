/**
 * Station figures for the report, from the run summaries the line writes (line/run-summary.ts:
 * `stations: { [id]: { utilisation, availability, jobsDone } }`). A summary is JSON written by another part of
 * the system, possibly by an older version or cut short by a crash, so it is read defensively: entries without
 * finite figures are left out rather than drawn as nonsense.
 */
import type { RunRow } from '../store';
import type { StationLine, StationSection } from './report-data';
import { naturalCompare } from './natural-order';
import { round4 } from './fractions';

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** The stations a summary recorded, in natural order of their ids (empty when it recorded none). */
export function stationsOfSummary(summary: unknown): StationLine[] {
  if (!isObject(summary) || !isObject(summary.stations)) return [];
  const out: StationLine[] = [];
  for (const [id, s] of Object.entries(summary.stations)) {
    if (!isObject(s) || !finite(s.utilisation) || !finite(s.availability)) continue;
    out.push({
      id,
      utilisation: round4(s.utilisation),
      availability: round4(s.availability),
      jobsDone: finite(s.jobsDone) ? s.jobsDone : 0,
    });
  }
  return out.sort((a, b) => naturalCompare(a.id, b.id));
}

function timingOfSummary(summary: unknown): StationSection['timing'] {
  if (!isObject(summary) || !isObject(summary.timing)) return null;
  const t = summary.timing;
  if (typeof t.bottleneck !== 'string' || !finite(t.boundCardsPerHour) || !finite(t.efficiency)) return null;
  return { bottleneck: t.bottleneck, boundCardsPerHour: t.boundCardsPerHour, efficiency: t.efficiency };
}

/**
 * The figures of the latest run (of `runs`, oldest first) that recorded any. Earlier runs are not merged in:
 * utilisation is a share of one run's time, and a station list can change between runs.
 */
export function stationSection(runs: readonly RunRow[]): StationSection {
  const latest = runs.at(-1);
  for (let i = runs.length - 1; i >= 0; i--) {
    const run = runs[i]!;
    const stations = stationsOfSummary(run.summary);
    if (stations.length === 0) continue;
    return {
      fromRun: { id: run.id, status: run.status },
      latestRunWithout: run === latest ? null : latest!.id,
      stations,
      timing: timingOfSummary(run.summary),
    };
  }
  return { fromRun: null, latestRunWithout: null, stations: [], timing: null };
}
