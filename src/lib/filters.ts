// The peer report's `filters` values, in the order the form shows them.
export const REPORT_FILTERS = [
  'device_info',
  'ip_information',
  'precall_network_information',
  'events',
  'quality_stats',
] as const;

export type ReportFilter = (typeof REPORT_FILTERS)[number];

export function isReportFilter(value: string): value is ReportFilter {
  return (REPORT_FILTERS as readonly string[]).includes(value);
}
