import { createContext, useContext, type ReactNode } from 'react';
import type { DisplayZone } from '../lib/format.ts';

// The zone every clock time of a report is shown in (the viewer's own, UTC, or the
// participant's), set once by the report and read by every time on it, so cards, timeline,
// chart axes and tooltips never disagree.
const TimeZoneContext = createContext<DisplayZone>(undefined);

export function TimeZoneProvider({ zone, children }: { zone: DisplayZone; children: ReactNode }) {
  return <TimeZoneContext.Provider value={zone}>{children}</TimeZoneContext.Provider>;
}

/** The zone to show clock times in; undefined is the viewer's own. */
export function useDisplayZone(): DisplayZone {
  return useContext(TimeZoneContext);
}
