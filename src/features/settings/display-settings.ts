import { useCallback, useSyncExternalStore } from 'react';

// Display preferences, remembered in localStorage between visits and shared by every
// component through one tiny store.

export type TimeMode = 'local' | 'utc' | 'participant';
export type ThemeChoice = 'system' | 'light' | 'dark';

export interface DisplaySettings {
  timeMode: TimeMode;
  theme: ThemeChoice;
}

const KEY = 'peerscope.display';
const DEFAULTS: DisplaySettings = { timeMode: 'local', theme: 'system' };
const listeners = new Set<() => void>();
let current: DisplaySettings = read();

export function isTimeMode(value: unknown): value is TimeMode {
  return value === 'local' || value === 'utc' || value === 'participant';
}

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

function read(): DisplaySettings {
  try {
    const raw: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return DEFAULTS;
    const timeMode = 'timeMode' in raw ? raw.timeMode : undefined;
    const theme = 'theme' in raw ? raw.theme : undefined;
    return {
      timeMode: isTimeMode(timeMode) ? timeMode : DEFAULTS.timeMode,
      theme: isThemeChoice(theme) ? theme : DEFAULTS.theme,
    };
  } catch {
    return DEFAULTS;
  }
}

export function currentDisplaySettings(): DisplaySettings {
  return current;
}

function updateDisplaySettings(change: Partial<DisplaySettings>): void {
  current = { ...current, ...change };
  try {
    window.localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // Private windows may refuse storage; the choice still holds for this visit.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useDisplaySettings(): [DisplaySettings, (change: Partial<DisplaySettings>) => void] {
  const settings = useSyncExternalStore(subscribe, () => current, () => DEFAULTS);
  const update = useCallback((change: Partial<DisplaySettings>) => updateDisplaySettings(change), []);
  return [settings, update];
}

/** The IANA zone to show times in, or undefined for the viewer's own. */
export function resolveTimeZone(mode: TimeMode, participantZone: string | null, isKnown: (zone: string) => boolean): string | undefined {
  if (mode === 'utc') return 'UTC';
  if (mode === 'participant') return participantZone !== null && isKnown(participantZone) ? participantZone : 'UTC';
  return undefined;
}

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}
