import { useState } from 'react';

export interface LongTextProps {
  text: string;
  /** Characters shown before the rest is folded. */
  max?: number;
}

/**
 * Untrusted text from the participant's device: isolated from the surrounding
 * direction (a right-to-left override cannot flip what follows it) and folded when long.
 */
export function LongText({ text, max = 160 }: LongTextProps) {
  const [open, setOpen] = useState(false);
  if (text.length <= max) return <bdi>{text}</bdi>;
  return (
    <>
      <bdi>{open ? text : `${text.slice(0, max)}…`}</bdi>{' '}
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="rounded border border-line px-1 text-xs font-normal text-accent-strong hover:border-accent"
      >
        {open ? 'show less' : `show all (${text.length.toLocaleString('en-US')} characters)`}
      </button>
    </>
  );
}
