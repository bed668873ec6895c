import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.ts';

export interface CopyButtonProps {
  /** The text, or a function that makes it when the button is pressed. */
  value: string | (() => string);
  /** What is copied, for the accessible name: "peer ID". */
  what: string;
  /** Visible text instead of "Copy". */
  label?: string;
}

export function CopyButton({ value, what, label = 'Copy' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <button
      type="button"
      // A visible label of its own is the name; the plain "Copy" says what it copies.
      aria-label={label === 'Copy' ? `Copy ${what}` : undefined}
      title={`Copy ${what}`}
      onClick={() => {
        void copyText(typeof value === 'function' ? value() : value).then((ok) => setState(ok ? 'copied' : 'failed'));
      }}
      className="inline-flex h-6 shrink-0 items-center gap-1 rounded border border-line bg-surface px-1.5 text-xs text-ink-muted hover:border-accent hover:text-accent-strong"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
        <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" />
        <path d="M3 10.5V3.5A1 1 0 0 1 4 2.5h6.5" />
      </svg>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}</span>
    </button>
  );
}
