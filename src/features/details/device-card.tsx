import { useId, useState } from 'react';
import { Card } from '../../components/card.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import type { PeerReport } from '../../report/model.ts';
import { BlockEmpty, Fact, Facts } from './detail-parts.tsx';
import { readableRoomViewType, shortenText } from './details-format.ts';

export interface DeviceCardProps {
  report: PeerReport;
  requested: boolean;
  className?: string;
}

function joinParts(...parts: (string | null)[]): string | null {
  const kept = parts.filter((part): part is string => part !== null && part.trim() !== '');
  return kept.length > 0 ? kept.join(' ') : null;
}

function yesNo(value: boolean | null, yes: string, no: string): string | null {
  return value === null ? null : value ? yes : no;
}

export function DeviceCard({ report, requested, className = '' }: DeviceCardProps) {
  const headingId = useId();
  const { device, software } = report;
  return (
    <Card className={className} labelledBy={headingId} title="Device and software">
      {device === null && software === null ? (
        <BlockEmpty
          filter="device_info"
          requested={requested}
          unreadable={report.present.deviceInfo}
          what="the device, browser and SDK details"
        />
      ) : (
        <div className="grid gap-5">
          <Facts label="Device">
            <Fact label="Operating system">{joinParts(device?.os ?? null, device?.osVersion ?? null)}</Fact>
            <Fact label="Device type">{yesNo(device?.isMobile ?? null, 'Mobile', 'Desktop')}</Fact>
            <Fact label="CPU cores">{device?.cpus != null && Number.isFinite(device.cpus) ? String(device.cpus) : null}</Fact>
          </Facts>
          <Facts label="Browser">
            <Fact label="Browser">{joinParts(software?.browser ?? null, software?.browserVersion ?? null)}</Fact>
            <Fact label="Engine">{software?.engine}</Fact>
            <Fact label="User agent">{software?.userAgent ? <UserAgent value={software.userAgent} /> : null}</Fact>
            <Fact label="WebGL">{yesNo(software?.webglSupport ?? null, 'Supported', 'Not supported')}</Fact>
          </Facts>
          <Facts label="SDK">
            <Fact label="SDK name">{software?.sdkName}</Fact>
            <Fact label="SDK type">{software?.sdkType}</Fact>
            <Fact label="SDK version">{software?.sdkVersion}</Fact>
            <Fact label="Room view type">
              {software?.roomViewType ? <span title={software.roomViewType}>{readableRoomViewType(software.roomViewType)}</span> : null}
            </Fact>
            <Fact label="Audio encoder">{software?.audioEncoder}</Fact>
            <Fact label="Video encoder">{software?.videoEncoder}</Fact>
          </Facts>
        </div>
      )}
    </Card>
  );
}

function UserAgent({ value }: { value: string }) {
  const [full, setFull] = useState(false);
  const textId = useId();
  const short = shortenText(value, 60);
  return (
    <div className="flex flex-col items-start gap-1.5">
      <code id={textId} className="font-mono text-xs break-all text-ink" title={value} data-testid="user-agent">
        {full || !short.shortened ? value : short.text}
      </code>
      <span className="flex flex-wrap items-center gap-2">
        {short.shortened && (
          <button
            type="button"
            aria-expanded={full}
            aria-controls={textId}
            onClick={() => setFull((open) => !open)}
            className="inline-flex h-6 items-center gap-1 rounded border border-line bg-surface px-1.5 text-xs text-ink-muted hover:border-accent hover:text-accent-strong"
          >
            <span aria-hidden="true" className={`inline-block transition-transform ${full ? 'rotate-90' : ''}`}>
              ›
            </span>
            Show full
          </button>
        )}
        <CopyButton value={value} what="user agent" />
      </span>
    </div>
  );
}
