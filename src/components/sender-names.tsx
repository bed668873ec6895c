import { createContext, useContext, type ReactNode } from 'react';

// Who the remote senders of a report are, by peer ID: their display names, once the page
// has them (from the session's participants). Everything that names a sender (findings,
// chart legends and tooltips, the sender picker, CSV rows) reads this one lookup, so a
// sender is called the same everywhere, and by a short peer ID until the name is known.

export interface SenderName {
  name: string;
}

export type SenderNames = ReadonlyMap<string, SenderName>;

const NO_NAMES: SenderNames = new Map();

const SenderNamesContext = createContext<SenderNames>(NO_NAMES);

export function SenderNamesProvider({ names, children }: { names: SenderNames; children: ReactNode }) {
  return <SenderNamesContext.Provider value={names}>{children}</SenderNamesContext.Provider>;
}

export function useSenderNames(): SenderNames {
  return useContext(SenderNamesContext);
}
