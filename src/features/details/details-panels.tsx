import type { ReportFilter } from '../../lib/filters.ts';
import type { PeerReport } from '../../report/model.ts';
import { ConnectivityCard } from './connectivity-card.tsx';
import { DeviceCard } from './device-card.tsx';
import { LocationCard } from './location-card.tsx';

export interface DetailsPanelsProps {
  report: PeerReport;
  /** The filters the lookup asked for, to tell "not requested" from "not in the answer". */
  requested: ReportFilter[];
}

/** Device and software, location and network, connectivity: each with its own empty state. */
export function DetailsPanels({ report, requested }: DetailsPanelsProps) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <DeviceCard report={report} requested={requested.includes('device_info')} className="min-w-0" />
      <LocationCard report={report} requested={requested.includes('ip_information')} className="min-w-0" />
      <ConnectivityCard
        report={report}
        requested={requested.includes('precall_network_information')}
        className="min-w-0 lg:col-span-2"
      />
    </div>
  );
}
