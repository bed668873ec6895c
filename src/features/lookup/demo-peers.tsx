import type { MouseEvent } from 'react';
import type { Lookup } from '../../lib/lookup.ts';
import { reportSearch } from '../../lib/page-url.ts';
import type { AppConfig } from '../../api/schemas.ts';
import { REPORT_FILTERS } from '../../lib/filters.ts';

export interface DemoPeersProps {
  demo: NonNullable<AppConfig['demo']>;
  activePeerId: string | null;
  onOpen: (lookup: Lookup) => void;
  /** One line of chips (description on hover) once a report is on screen. */
  compact?: boolean;
}

/** The demo upstream's sample participants, each one click (and one shareable link) away. */
export function DemoPeers({ demo, activePeerId, onOpen, compact = false }: DemoPeersProps) {
  return (
    <nav aria-label="Sample peers">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">Sample peers</h2>
      <ul className={compact ? 'flex flex-wrap gap-1.5' : 'grid gap-2 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4'}>
        {demo.peers.map((peer) => {
          const lookup: Lookup = {
            accountId: demo.accountId,
            appId: demo.appId,
            peerId: peer.id,
            filters: [...REPORT_FILTERS],
            includePeerEvents: true,
          };
          const search = reportSearch(lookup);
          const active = peer.id === activePeerId;
          return (
            <li key={peer.id}>
              <a
                href={search}
                title={compact ? peer.description : undefined}
                aria-current={active ? 'true' : undefined}
                onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  onOpen(lookup);
                }}
                className={`block h-full border text-left transition-colors ${compact ? 'rounded-full px-2.5 py-0.5' : 'rounded-md px-3 py-2'} ${
                  active ? 'border-accent bg-accent-soft' : 'border-line bg-surface hover:border-accent'
                }`}
              >
                <span className={`block font-medium text-ink ${compact ? 'text-xs' : 'text-sm'}`}>
                  {peer.label}
                  {active && <span className="sr-only"> (open)</span>}
                </span>
                <span className={compact ? 'sr-only' : 'mt-0.5 block text-xs leading-snug text-ink-muted'}>{peer.description}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
