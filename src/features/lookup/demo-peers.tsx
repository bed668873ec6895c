import type { MouseEvent } from 'react';
import { lookupToSearch } from '../../api/lookup';
import type { AppConfig } from '../../api/schemas';
import { REPORT_FILTERS } from '../../lib/filters';

export interface DemoPeersProps {
  demo: NonNullable<AppConfig['demo']>;
  activePeerId: string | null;
  onOpen: (search: string) => void;
}

/** The demo upstream's sample participants, each one click (and one shareable link) away. */
export function DemoPeers({ demo, activePeerId, onOpen }: DemoPeersProps) {
  return (
    <nav aria-label="Sample peers">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">Sample peers</h2>
      <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
        {demo.peers.map((peer) => {
          const search = lookupToSearch({
            accountId: demo.accountId,
            appId: demo.appId,
            peerId: peer.id,
            filters: [...REPORT_FILTERS],
            includePeerEvents: true,
          });
          const active = peer.id === activePeerId;
          return (
            <li key={peer.id}>
              <a
                href={search}
                aria-current={active ? 'true' : undefined}
                onClick={(event: MouseEvent<HTMLAnchorElement>) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  onOpen(search);
                }}
                className={`block h-full rounded-md border px-3 py-2 text-left transition-colors ${
                  active ? 'border-accent bg-accent-soft' : 'border-line bg-surface hover:border-accent'
                }`}
              >
                <span className="block text-sm font-medium text-ink">
                  {peer.label}
                  {active && <span className="sr-only"> (open)</span>}
                </span>
                <span className="mt-0.5 block text-xs leading-snug text-ink-muted">{peer.description}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
