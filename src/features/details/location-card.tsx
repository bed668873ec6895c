import { useId } from 'react';
import { Card } from '../../components/card.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { countryName } from '../../lib/places.ts';
import type { LocationInfo, PeerReport } from '../../report/model.ts';
import { BlockEmpty, Fact, Facts, Missing } from './detail-parts.tsx';
import { zonedParts } from '../../lib/format.ts';

export interface LocationCardProps {
  report: PeerReport;
  requested: boolean;
  className?: string;
}

export function LocationCard({ report, requested, className = '' }: LocationCardProps) {
  const headingId = useId();
  const { location } = report;
  return (
    <Card className={className} labelledBy={headingId} title="Location and network">
      {location === null ? (
        <BlockEmpty
          filter="ip_information"
          requested={requested}
          unreadable={report.present.ipInformation}
          what="the IP address, location, timezone and ISP"
        />
      ) : (
        <div className="grid gap-5">
          <Facts label="Where">
            <Fact label="IP address">
              {location.ip ? (
                <span className="flex min-w-0 flex-wrap items-center gap-2">
                  <code className="font-mono text-[13px] break-all">{location.ip}</code>
                  <CopyButton value={location.ip} what="IP address" />
                </span>
              ) : null}
            </Fact>
            <Fact label="City">{location.city}</Fact>
            <Fact label="Region">{location.region}</Fact>
            <Fact label="Country">{location.country ? <Country code={location.country} /> : null}</Fact>
            <Fact label="Timezone">{location.timezone}</Fact>
            <Fact label="Local time at join">
              <LocalJoinTime location={location} joinedAt={report.participant.joinedAt} />
            </Fact>
          </Facts>
          <Facts label="Network provider">
            <Fact label="ISP / organisation">{location.org}</Fact>
            <Fact label="ASN">{location.asn?.asn}</Fact>
            <Fact label="ASN name">{location.asn?.name}</Fact>
            <Fact label="ASN type">{location.asn?.type}</Fact>
            <Fact label="ASN domain">{location.asn?.domain}</Fact>
            <Fact label="ASN route">
              {location.asn?.route ? <code className="font-mono text-[13px] break-all">{location.asn.route}</code> : null}
            </Fact>
          </Facts>
        </div>
      )}
    </Card>
  );
}

function Country({ code }: { code: string }) {
  const name = countryName(code);
  return (
    <span>
      {name !== code && <span>{name} </span>}
      <code className="font-mono text-xs text-ink-muted">{name !== code ? `(${code})` : code}</code>
    </span>
  );
}

function LocalJoinTime({ location, joinedAt }: { location: LocationInfo; joinedAt: number | null }) {
  if (location.timezone === null) return <Missing>no timezone recorded</Missing>;
  if (joinedAt === null) return <Missing>join time not recorded</Missing>;
  const zoned = zonedParts(joinedAt, location.timezone);
  if (!zoned) {
    return (
      <span className="text-warn">
        Cannot tell: “<span className="break-all">{location.timezone}</span>” is not a timezone this browser knows
      </span>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <span className="font-mono tabular-nums">
        {zoned.time} ({zoned.offset})
      </span>
      <span className="text-xs text-ink-faint">{zoned.date}</span>
    </span>
  );
}
