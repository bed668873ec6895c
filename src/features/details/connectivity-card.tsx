import { useId, useState } from 'react';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { TimeText } from '../../components/time-text.tsx';
import { formatBytes } from '../../lib/format.ts';
import { marksNominated, mediaPairs, triedPairs } from '../../report/media-path.ts';
import type { CandidatePair, Connectivity, IceCandidate, PeerReport, PrecallCheck } from '../../report/model.ts';
import { BlockEmpty, ClockTime, Missing } from './detail-parts.tsx';
import { formatBitrate, formatCount, formatMs, formatPercent } from '../../lib/format.ts';
import {
  candidateTypeLabel,
  candidateTypeMeaning,
  checkVerdict,
  countLines,
  describeMediaPath,
  formatAddress,
  pairBitrateKbps,
  type CheckVerdict,
} from './details-format.ts';

export interface ConnectivityCardProps {
  report: PeerReport;
  requested: boolean;
  className?: string;
}

export function ConnectivityCard({ report, requested, className = '' }: ConnectivityCardProps) {
  const headingId = useId();
  const { connectivity } = report;
  return (
    <Card labelledBy={headingId} title="Connectivity" className={className}>
      {connectivity === null ? (
        <BlockEmpty
          filter="precall_network_information"
          requested={requested}
          unreadable={report.present.precall}
          what="the pre-call checks and ICE candidate pairs"
        />
      ) : (
        <div className="grid gap-6">
          <PrecallChecks checks={connectivity.precall} />
          <IcePairs connectivity={connectivity} legacy={report.shape === 'legacy'} />
        </div>
      )}
    </Card>
  );
}

function SectionHeading({ children }: { children: string }) {
  return <h3 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">{children}</h3>;
}

// ---------------------------------------------------------------------------------------
// Pre-call checks.

const CHECKS: { key: 'turnConnectivity' | 'relayConnectivity' | 'reflexiveConnectivity'; name: string; meaning: string }[] = [
  {
    key: 'turnConnectivity',
    name: 'TURN connectivity',
    meaning: 'Can reach the TURN server: media can be relayed when direct paths are blocked',
  },
  {
    key: 'relayConnectivity',
    name: 'Relay connectivity',
    meaning: 'Relay candidates gathered: the TURN server handed out a relay address',
  },
  {
    key: 'reflexiveConnectivity',
    name: 'Reflexive connectivity',
    meaning: 'Can learn its public address (STUN): direct peer-to-peer paths possible',
  },
];

const VERDICTS: Record<CheckVerdict, { icon: string; text: string; tone: BadgeTone }> = {
  pass: { icon: '✓', text: 'Pass', tone: 'ok' },
  fail: { icon: '✕', text: 'Fail', tone: 'bad' },
  unknown: { icon: '–', text: 'Unknown', tone: 'neutral' },
};

function Verdict({ value }: { value: boolean | null }) {
  const verdict = VERDICTS[checkVerdict(value)];
  return (
    <Badge tone={verdict.tone}>
      <span aria-hidden="true">{verdict.icon}</span>
      <span>{verdict.text}</span>
    </Badge>
  );
}

function PrecallChecks({ checks }: { checks: PrecallCheck[] }) {
  return (
    <section>
      <SectionHeading>Pre-call checks</SectionHeading>
      {checks.length === 0 ? (
        <p className="text-sm">
          <Missing>No pre-call checks recorded.</Missing>
        </p>
      ) : (
        <ol className="grid gap-3" aria-label="Pre-call checks">
          {checks.map((check, index) => (
            <PrecallItem key={index} check={check} index={index} count={checks.length} />
          ))}
        </ol>
      )}
    </section>
  );
}

function PrecallItem({ check, index, count }: { check: PrecallCheck; index: number; count: number }) {
  const metrics: [string, string | null][] = [
    ['Round-trip time', formatMs(check.rttMs)],
    ['Backend round-trip time', formatMs(check.backendRttMs)],
    ['Jitter', formatMs(check.jitterMs)],
    ['Packet loss', formatPercent(check.lossPercent)],
    ['Throughput', formatBitrate(check.throughputKbps)],
  ];
  const shownMetrics = metrics.filter((metric): metric is [string, string] => metric[1] !== null);
  return (
    <li className="rounded-md border border-line p-3">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-sm">
        <span className="flex flex-wrap items-baseline gap-x-2">
          <span className="font-medium text-ink">{count > 1 ? `Check ${index + 1} of ${count}` : 'Pre-call check'}</span>
          {check.at !== null ? <TimeText at={check.at} /> : <Missing>time not recorded</Missing>}
        </span>
        <span
          className="text-ink-muted"
          title="The browser's effective connection type (navigator.connection.effectiveType): how fast the connection is, not whether it is Wi-Fi or cable. A wired desktop says 4g."
        >
          Connection speed class:{' '}
          {check.effectiveNetworkType ? (
            <span className="font-medium break-all text-ink">{check.effectiveNetworkType}</span>
          ) : (
            <Missing />
          )}
        </span>
      </div>
      <ul className="mt-3 grid gap-2 text-sm">
        {CHECKS.map(({ key, name, meaning }) => (
          <li key={key} className="grid gap-x-3 gap-y-0.5 sm:grid-cols-[11rem_6.5rem_minmax(0,1fr)] sm:items-center">
            <span className="text-ink">{name}</span>
            <span>
              <Verdict value={check[key]} />
            </span>
            <span className="text-xs text-ink-muted">{meaning}</span>
          </li>
        ))}
      </ul>
      {shownMetrics.length > 0 && (
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-2 border-t border-line pt-2 text-sm" aria-label="Pre-call measurements">
          {shownMetrics.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-ink-muted">{label}</dt>
              <dd className="font-mono tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {check.sdp.length > 0 && (
        <div className="mt-3 grid gap-2 border-t border-line pt-2">
          {check.sdp.map((sdp, sdpIndex) => (
            <SdpBlock key={sdpIndex} sdp={sdp} label={`SDP ${sdpIndex + 1} of ${check.sdp.length}`} />
          ))}
        </div>
      )}
    </li>
  );
}

function SdpBlock({ sdp, label }: { sdp: string; label: string }) {
  const [open, setOpen] = useState(false);
  const preId = useId();
  const lines = countLines(sdp);
  return (
    <div className="min-w-0">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={open ? preId : undefined}
          onClick={() => setOpen((value) => !value)}
          className="inline-flex items-center gap-1.5 rounded text-sm text-accent-strong hover:underline"
        >
          <span aria-hidden="true" className={`inline-block w-3 transition-transform ${open ? 'rotate-90' : ''}`}>
            ›
          </span>
          {label} ({lines} line{lines === 1 ? '' : 's'})
        </button>
        <CopyButton value={sdp} what={label} />
      </div>
      {open && (
        <pre
          id={preId}
          className="mt-2 max-h-72 overflow-auto rounded border border-line bg-surface-muted p-2 font-mono text-[11px] leading-relaxed break-all whitespace-pre-wrap text-ink"
        >
          {sdp}
        </pre>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------
// ICE candidate pairs.

function IcePairs({ connectivity, legacy }: { connectivity: Connectivity; legacy: boolean }) {
  const path = describeMediaPath(connectivity);
  const hasPairs = connectivity.sending.length + connectivity.receiving.length > 0;
  const notable = connectivity.usesRelay || connectivity.usesTcp;
  return (
    <section className="min-w-0">
      <SectionHeading>ICE candidate pairs</SectionHeading>
      {!hasPairs ? (
        <p className="text-sm">
          <Missing>
            No ICE candidate pairs recorded{legacy ? ' (the legacy response shape does not carry them)' : ''}.
          </Missing>
        </p>
      ) : (
        <div className="grid gap-4">
          <ul
            aria-label="Media path"
            className={`grid gap-1 rounded-md border px-3 py-2 text-sm font-medium ${
              notable ? 'border-warn/30 bg-warn-soft text-warn' : 'border-ok/30 bg-ok-soft text-ok'
            }`}
          >
            {path.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <TransportPairs caption="Sending (producing transport)" pairs={connectivity.sending} direction="send" />
          <TransportPairs caption="Receiving (consuming transport)" pairs={connectivity.receiving} direction="receive" />
        </div>
      )}
    </section>
  );
}

/**
 * One transport's pairs: the nominated pair(s) as the media path, the rest as "also tried",
 * never as the path media took. Without a nominated mark every pair is listed as it came.
 */
function TransportPairs({ caption, pairs, direction }: { caption: string; pairs: CandidatePair[]; direction: 'send' | 'receive' }) {
  const tried = triedPairs(pairs);
  return (
    <div className="grid gap-2">
      <PairsTable caption={caption} pairs={mediaPairs(pairs)} direction={direction} note={marksNominated(pairs) ? 'nominated: the pair media took' : null} />
      {tried.length > 0 && (
        <PairsTable
          caption={`${caption}: also tried`}
          pairs={tried}
          direction={direction}
          note="candidate pairs checked but not selected: media did not take them"
          muted
        />
      )}
    </div>
  );
}

const TH = 'px-2 py-1.5 text-left align-bottom text-xs font-medium text-ink-muted';
const TD = 'px-2 py-1.5 align-top';

interface PairsTableProps {
  caption: string;
  pairs: CandidatePair[];
  direction: 'send' | 'receive';
  /** What the listed pairs are, beside the caption. */
  note: string | null;
  /** Pairs that did not carry media: drawn quieter. */
  muted?: boolean;
}

function PairsTable({ caption, pairs, direction, note, muted = false }: PairsTableProps) {
  const noteId = useId();
  return (
    // Quieter by a dashed frame, not by fading: faded text would fall below 4.5:1 contrast.
    <div className={`min-w-0 ${muted ? 'rounded border border-dashed border-line p-2' : ''}`}>
      {pairs.length === 0 ? (
        <>
          <h4 className="mb-1 text-sm font-medium text-ink">{caption}</h4>
          <p className="text-sm">
            <Missing>No candidate pair recorded for this transport.</Missing>
          </p>
        </>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-describedby={note ? noteId : undefined}>
            <caption className="mb-1 text-left text-sm font-medium text-ink">
              {caption}
              {note && (
                <span id={noteId} aria-hidden="true" className="ml-2 text-xs font-normal text-ink-muted">
                  ({note})
                </span>
              )}
            </caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className={TH}>
                  Local type
                </th>
                <th scope="col" className={TH}>
                  Protocol
                </th>
                <th scope="col" className={TH}>
                  Network
                </th>
                <th scope="col" className={TH}>
                  Local address
                </th>
                <th scope="col" className={TH}>
                  Remote type
                </th>
                <th scope="col" className={TH}>
                  Remote address
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  RTT
                </th>
                <th scope="col" className={`${TH} text-right`}>
                  Available {direction === 'send' ? 'outgoing' : 'incoming'}
                </th>
                <th scope="col" className={TH}>
                  Bytes / packets
                </th>
                <th scope="col" className={TH}>
                  Last packet
                </th>
              </tr>
            </thead>
            <tbody>
              {pairs.map((pair, index) => (
                <PairRow key={index} pair={pair} direction={direction} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function CandidateType({ candidate }: { candidate: IceCandidate }) {
  const label = candidateTypeLabel(candidate.type);
  if (label === null) return <Missing />;
  const relay = candidate.type?.toLowerCase() === 'relay';
  return (
    <span title={candidateTypeMeaning(candidate.type) ?? undefined} className={`wrap-break-word ${relay ? 'font-medium text-warn' : 'text-ink'}`}>
      {label}
    </span>
  );
}

function Address({ candidate, showBase }: { candidate: IceCandidate; showBase: boolean }) {
  const address = formatAddress(candidate.address, candidate.port);
  const base = formatAddress(candidate.relatedAddress, candidate.relatedPort);
  return (
    <div className="grid gap-0.5">
      {address ? <code className="min-w-[10.5rem] font-mono text-xs break-all">{address}</code> : <Missing />}
      {showBase && base && <span className="min-w-[10.5rem] text-xs break-all text-ink-faint">base {base}</span>}
      {showBase && candidate.url && <span className="min-w-[10.5rem] text-xs break-all text-ink-faint">{candidate.url}</span>}
    </div>
  );
}

function Traffic({ label, bytes, packets }: { label: string; bytes: number | null; packets: number | null }) {
  const size = bytes !== null && Number.isFinite(bytes) && bytes >= 0 ? formatBytes(bytes) : null;
  const count = formatCount(packets);
  return (
    <span className="text-xs">
      <span className="text-ink-faint">{label} </span>
      {size === null && count === null ? (
        <Missing />
      ) : (
        <span className="font-mono tabular-nums">
          <span className="whitespace-nowrap">{size ?? '–'}</span>
          {count !== null && <span className="whitespace-nowrap text-ink-faint"> · {count} pkts</span>}
        </span>
      )}
    </span>
  );
}

function PairRow({ pair, direction }: { pair: CandidatePair; direction: 'send' | 'receive' }) {
  const rtt = formatMs(pair.rttMs);
  const bitrate = formatBitrate(pairBitrateKbps(pair, direction));
  const protocol = pair.local.protocol ?? pair.remote.protocol;
  return (
    <tr className="border-b border-line last:border-b-0">
      <td className={TD}>
        <CandidateType candidate={pair.local} />
      </td>
      <td className={TD}>
        {protocol ? <span className={`uppercase ${pair.overTcp ? 'font-medium text-warn' : ''}`}>{protocol}</span> : <Missing />}
      </td>
      <td className={TD}>{pair.local.networkType ? <span className="wrap-break-word">{pair.local.networkType}</span> : <Missing />}</td>
      <td className={TD}>
        <Address candidate={pair.local} showBase />
      </td>
      <td className={TD}>
        <CandidateType candidate={pair.remote} />
      </td>
      <td className={TD}>
        <Address candidate={pair.remote} showBase={false} />
      </td>
      <td className={`${TD} text-right font-mono text-xs whitespace-nowrap tabular-nums`}>{rtt ?? <Missing />}</td>
      <td className={`${TD} text-right font-mono text-xs whitespace-nowrap tabular-nums`}>{bitrate ?? <Missing />}</td>
      <td className={TD}>
        <div className="grid gap-0.5">
          <Traffic label="sent" bytes={pair.bytesSent} packets={pair.packetsSent} />
          <Traffic label="received" bytes={pair.bytesReceived} packets={pair.packetsReceived} />
          {(pair.bytesDiscardedOnSend !== null || pair.packetsDiscardedOnSend !== null) && (
            <Traffic label="discarded on send" bytes={pair.bytesDiscardedOnSend} packets={pair.packetsDiscardedOnSend} />
          )}
        </div>
      </td>
      <td className={`${TD} text-xs`}>
        {pair.lastPacketSentAt === null && pair.lastPacketReceivedAt === null ? (
          <Missing />
        ) : (
          <div className="grid gap-0.5">
            {pair.lastPacketSentAt !== null && (
              <span>
                <span className="text-ink-faint">sent </span>
                <ClockTime at={pair.lastPacketSentAt} />
              </span>
            )}
            {pair.lastPacketReceivedAt !== null && (
              <span>
                <span className="text-ink-faint">received </span>
                <ClockTime at={pair.lastPacketReceivedAt} />
              </span>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
