import type { Lookup } from '../../api/lookup';
import { PanelBoundary } from '../../components/panel-boundary';
import { DetailsPanels } from '../details/details-panels';
import { InvestigationView } from '../investigation/investigation-view';
import { RawPanel } from '../raw/raw-panel';
import { ParticipantCard } from './participant-card';
import { ReportOverview } from './report-overview';
import type { ReportView } from './report-view-model';

export interface ReportDashboardProps {
  view: ReportView;
  /** The lookup that fetched it; for a file, what the file is taken to answer. */
  lookup: Lookup;
  zoomParam: string | null;
  onZoomParamChange: (param: string | null) => void;
  /** Set when the report came from a file rather than the API. */
  fileName?: string;
}

/** Everything about one report, each panel failing on its own if it must. */
export function ReportDashboard({ view, lookup, zoomParam, onZoomParamChange, fileName }: ReportDashboardProps) {
  const { report } = view;
  return (
    <div className="space-y-4" data-testid="report">
      <PanelBoundary name="participant">
        <ParticipantCard report={report} />
      </PanelBoundary>
      <PanelBoundary name="overview">
        <ReportOverview report={report} lookup={lookup} bytes={view.bytes} receivedAt={view.receivedAt} />
      </PanelBoundary>
      <PanelBoundary name="investigation">
        <InvestigationView report={report} lookup={lookup} zoomParam={zoomParam} onZoomParamChange={onZoomParamChange} />
      </PanelBoundary>
      <PanelBoundary name="details">
        <DetailsPanels report={report} requested={lookup.filters} />
      </PanelBoundary>
      <PanelBoundary name="raw report">
        <RawPanel
          key={report.participant.peerId ?? fileName ?? 'report'}
          data={view.data}
          body={view.body}
          fileName={fileName}
          peerId={report.participant.peerId}
          streams={report.streams}
          joinedAt={report.participant.joinedAt}
          findings={report.findings}
        />
      </PanelBoundary>
    </div>
  );
}
