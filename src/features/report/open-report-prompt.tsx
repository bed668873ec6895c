import { useId } from 'react';
import { shortId } from '../../lib/format.ts';
import type { Lookup } from '../../lib/lookup.ts';

export interface OpenReportPromptProps {
  lookup: Lookup;
  onOpen: () => void;
}

/**
 * In place of the report when another site opened its link: nothing has been fetched, and
 * nothing is until the user says so, so that site cannot spend the token on a peer of its
 * choosing. The lookup itself is in the form above.
 */
export function OpenReportPrompt({ lookup, onOpen }: OpenReportPromptProps) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="space-y-3 rounded-lg border border-warn/40 bg-warn-soft px-4 py-4 text-sm text-ink">
      <h2 id={titleId} className="text-base font-semibold">
        Open this report?
      </h2>
      <p className="max-w-3xl">
        This link was opened from another site, so Peerscope has not fetched anything yet. Check the lookup above (peer{' '}
        <code className="font-mono text-xs">{shortId(lookup.peerId)}</code> of app{' '}
        <code className="font-mono text-xs">{shortId(lookup.appId)}</code>) before you open it: each lookup is a request made
        with this Peerscope’s API token.
      </p>
      <button
        type="button"
        onClick={onOpen}
        className="inline-flex h-9 items-center rounded-md bg-accent-fill px-4 text-sm font-semibold text-white shadow-sm hover:bg-accent-fill-hover"
      >
        Open report
      </button>
    </section>
  );
}
