import { useId } from 'react';

export interface OpenLinkPromptProps {
  /** What the link opens: "this search of calls", "this session". */
  what: string;
  onOpen: () => void;
}

/**
 * In place of a search, a session or a comparison that another site opened: nothing has been
 * fetched, and nothing is until the user says so, so that site cannot spend the token.
 */
export function OpenLinkPrompt({ what, onOpen }: OpenLinkPromptProps) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="space-y-3 rounded-lg border border-warn/40 bg-warn-soft px-4 py-4 text-sm text-ink">
      <h2 id={titleId} className="text-base font-semibold">
        Open {what}?
      </h2>
      <p className="max-w-3xl">
        This link was opened from another site, so Peerscope has not fetched anything yet. Check the account and app above
        before you open it: each request is made with this Peerscope’s API token.
      </p>
      <button
        type="button"
        onClick={onOpen}
        className="inline-flex h-9 items-center rounded-md bg-accent-fill px-4 text-sm font-semibold text-white shadow-sm hover:bg-accent-fill-hover"
      >
        Open
      </button>
    </section>
  );
}

/** A session link whose session ID is not one: said in words, nothing fetched. */
export function InvalidSessionLink({ problem }: { problem: string }) {
  return (
    <p role="alert" className="rounded-lg border border-bad/40 bg-bad-soft px-4 py-3 text-sm text-ink">
      <span aria-hidden="true" className="text-bad">
        ✕{' '}
      </span>
      This session link cannot be opened: {problem} Search for the call by its meeting title or time instead.
    </p>
  );
}
