/**
 * Production reports: gatherReportData reads an order's figures from the store into a plain object, and
 * renderReportPdf draws that object as an A4 PDF. See REPORT.md for what each figure means.
 */
export { gatherReportData } from './gather-report-data';
export { renderReportPdf } from './render-report-pdf';
export { REPORT_FORMAT, type ReportData, type CountRow, type ShareRow, type RunLine, type Throughput, type StationLine, type StationSection } from './report-data';
export { chooseBucket, throughput, MAX_BUCKETS } from './throughput';
