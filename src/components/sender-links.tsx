import { createContext, useContext, type ReactNode } from 'react';
import { useRouteLink } from '../hooks/use-page-url.ts';
import { clipLine, shortId } from '../lib/format.ts';
import type { PageRoute } from '../lib/page-url.ts';
import { useSenderNames } from './sender-names.tsx';

// Where a remote sender of the report on screen leads: their own report (the same account,
// app and report parts), and the comparison of what they sent with what this participant
// received from them. Set by the report a page shows; absent for a report opened from a
// file, which has no API behind it to ask.

export interface SenderLinks {
  report: (peerId: string) => PageRoute;
  compare: (peerId: string) => PageRoute;
}

const SenderLinksContext = createContext<SenderLinks | null>(null);

export function SenderLinksProvider({ links, children }: { links: SenderLinks; children: ReactNode }) {
  return <SenderLinksContext.Provider value={links}>{children}</SenderLinksContext.Provider>;
}

export function useSenderLinks(): SenderLinks | null {
  return useContext(SenderLinksContext);
}

/** A sender's name when the page knows it, else the short peer ID. */
export function useSenderLabel(peerId: string): string {
  const name = useSenderNames().get(peerId)?.name;
  return name ? clipLine(name, 60) : `peer ${shortId(peerId)}`;
}

const LINK = 'font-medium text-accent-strong underline-offset-2 hover:underline';

/** A remote sender by name, a link to their own report where the page can open it. */
export function SenderLink({ peerId }: { peerId: string }) {
  const links = useSenderLinks();
  const label = useSenderLabel(peerId);
  if (!links) return <span title={peerId}>{label}</span>;
  return <SenderRouteLink route={links.report(peerId)} title={`${label}’s report (peer ${peerId})`} label={label} />;
}

/** "Open Priya’s report" and "Compare": what to do about one remote sender. */
export function SenderActions({ peerId }: { peerId: string }) {
  const links = useSenderLinks();
  const label = useSenderLabel(peerId);
  if (!links) return null;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
      <SenderRouteLink route={links.report(peerId)} title={`peer ${peerId}`} label={`Open ${label}’s report`} />
      <SenderRouteLink
        route={links.compare(peerId)}
        title="What they sent beside what this participant received from them, on one clock"
        label={`Compare with what ${label} sent`}
      />
    </span>
  );
}

function SenderRouteLink({ route, title, label }: { route: PageRoute; title: string; label: string }) {
  const link = useRouteLink(route);
  return (
    <a {...link} title={title} className={LINK}>
      {label}
    </a>
  );
}
