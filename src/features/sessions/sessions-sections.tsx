// The find-a-call screens (search results, a session and its people) are code of their own,
// like the report: the start page paints without them, and a search or session link asks
// for them at once.

import type { ReactNode } from 'react';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import type { SessionRef, SessionSearch } from '../../lib/session-search.ts';
import { useDisplaySettings } from '../settings/display-settings.ts';
import { SessionPage } from './session-page.tsx';
import { SessionsResults } from './sessions-results.tsx';

/**
 * Sessions belong to no one participant, so their times read in the viewer's zone or in
 * UTC (the display setting); "the participant's zone" reads as the viewer's here.
 */
function FindZone({ children }: { children: ReactNode }) {
  const [settings] = useDisplaySettings();
  const zone = settings.timeMode === 'utc' ? 'UTC' : undefined;
  return (
    <TimeZoneProvider zone={zone}>
      <p className="text-xs text-ink-muted" data-testid="time-zone-note">
        Times shown in {zone === 'UTC' ? 'UTC' : `your local time (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}.
      </p>
      {children}
    </TimeZoneProvider>
  );
}

export interface SessionsSectionProps {
  search: SessionSearch;
  mode: 'demo' | 'live' | null;
}

export function SessionsSection({ search, mode }: SessionsSectionProps) {
  return (
    <FindZone>
      <SessionsResults search={search} mode={mode} />
    </FindZone>
  );
}

export interface SessionSectionProps {
  session: SessionRef;
  mode: 'demo' | 'live' | null;
}

export function SessionSection({ session, mode }: SessionSectionProps) {
  return (
    <FindZone>
      <SessionPage session={session} mode={mode} />
    </FindZone>
  );
}
