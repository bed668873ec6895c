import { formatClock, formatOffset, formatSpan } from '../../lib/format.ts';
import { useCallClock } from './call-clock.tsx';
import { useDisplayZone } from '../../components/time-zone.tsx';

/** Where the charts and timeline are, and the way back to the whole call. */
export function ZoomBar({ joinedAt }: { joinedAt: number }) {
  const clock = useCallClock();
  const zone = useDisplayZone();
  const { view } = clock;
  return (
    <div
      role="group"
      aria-label="Time range"
      className="sticky top-0 z-20 flex flex-wrap items-center justify-between gap-2 rounded-md border border-line bg-surface/95 px-3 py-1.5 text-sm shadow-sm backdrop-blur"
    >
      <p className="text-ink-muted" aria-live="polite" data-testid="zoom-range">
        {clock.zoomed ? 'Zoomed to ' : 'Whole call: '}
        <span className="font-mono text-ink">
          {formatOffset(view.start - joinedAt)} – {formatOffset(view.end - joinedAt)}
        </span>{' '}
        <span className="text-xs">
          ({formatClock(view.start, zone)} – {formatClock(view.end, zone)}, {formatSpan(view.end - view.start)})
        </span>
      </p>
      <div className="flex items-center gap-2">
        {clock.highlightedFinding && (
          <button
            type="button"
            onClick={() => clock.setHighlightedFinding(null)}
            className="h-7 rounded-md border border-line px-2.5 text-xs text-ink-muted hover:border-accent"
          >
            Clear highlight
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            clock.zoomTo(null);
            clock.setHighlightedFinding(null);
          }}
          disabled={!clock.zoomed}
          className="h-7 rounded-md border border-line bg-surface px-2.5 text-xs font-medium text-accent-strong hover:border-accent disabled:cursor-default disabled:text-ink-faint disabled:hover:border-line"
        >
          Reset zoom
        </button>
      </div>
    </div>
  );
}
