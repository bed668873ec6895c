import { useEffect, useId } from 'react';
import { applyTheme, isThemeChoice, isTimeMode, useDisplaySettings } from './display-settings.ts';

/** Header controls: which clock times are shown in, and light or dark. */
export function DisplayControls() {
  const [settings, update] = useDisplaySettings();
  const timeId = useId();
  const themeId = useId();

  useEffect(() => {
    applyTheme(settings.theme);
    if (settings.theme !== 'system') return;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const follow = () => applyTheme('system');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [settings.theme]);

  const selectClass = 'h-7 rounded border border-chrome-ink/25 bg-chrome px-1.5 text-xs text-chrome-ink';
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-chrome-ink/80">
      <label htmlFor={timeId} className="flex items-center gap-1.5">
        Times in
        <select
          id={timeId}
          value={settings.timeMode}
          onChange={(event) => {
            if (isTimeMode(event.target.value)) update({ timeMode: event.target.value });
          }}
          className={selectClass}
        >
          <option value="local">my local time</option>
          <option value="utc">UTC</option>
          <option value="participant">the participant’s time zone</option>
        </select>
      </label>
      <label htmlFor={themeId} className="flex items-center gap-1.5">
        Theme
        <select
          id={themeId}
          value={settings.theme}
          onChange={(event) => {
            if (isThemeChoice(event.target.value)) update({ theme: event.target.value });
          }}
          className={selectClass}
        >
          <option value="system">system</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </label>
    </div>
  );
}
