import { forwardRef } from 'react';
import type { VerdictSide } from '../../report/diagnosis/verdict.ts';
import { formatCountOf } from '../../lib/format.ts';

/** A verdict as the reader sees it: phrases rendered, evidence as the findings' titles. */
export interface ShownVerdict {
  side: VerdictSide;
  headline: string;
  advice: string[];
  evidence: { id: string; title: string }[];
  /** On this side, but no fault (muted the whole call): drawn plain, not as a problem. */
  notAProblem?: boolean;
}

const SIDE_LABEL: Record<VerdictSide, string> = {
  participant: 'This participant’s side',
  'remote-sender': 'Another participant’s side',
  none: 'Nothing wrong found',
  unknown: 'Cause unclear',
};

const SIDE_LOOK: Record<VerdictSide, string> = {
  participant: 'border-bad/40 bg-bad-soft',
  'remote-sender': 'border-warn/40 bg-warn-soft',
  none: 'border-ok/40 bg-ok-soft',
  unknown: 'border-line bg-surface',
};

/** The cause and its first symptoms; the rest are in the findings list just below. */
const EVIDENCE_SHOWN = 3;

export interface VerdictCardProps {
  verdict: ShownVerdict;
}

/**
 * The answer first: the most likely cause and whose side it is on, the findings it rests
 * on (links to them below) and what to tell the customer. Focusable, so the page can move
 * a reader (and a screen reader) straight to it after a lookup.
 */
export const VerdictCard = forwardRef<HTMLElement, VerdictCardProps>(function VerdictCard({ verdict }, ref) {
  return (
    <section
      ref={ref}
      id="verdict"
      tabIndex={-1}
      aria-labelledby="verdict-heading"
      className={`scroll-mt-4 rounded-lg border px-4 py-3 outline-none focus-visible:ring-2 focus-visible:ring-accent ${verdict.notAProblem ? SIDE_LOOK.unknown : SIDE_LOOK[verdict.side]}`}
    >
      <h2 id="verdict-heading" className="text-xs font-semibold tracking-wide text-ink-muted uppercase">
        Verdict · {SIDE_LABEL[verdict.side]}
      </h2>
      <p className="mt-1 text-base font-semibold text-ink" data-testid="verdict-headline">
        {verdict.headline}
      </p>
      {verdict.evidence.length > 0 && (
        <p className="mt-2 text-sm text-ink">
          <span className="text-ink-muted">Based on: </span>
          {verdict.evidence.slice(0, EVIDENCE_SHOWN).map((item, index) => (
            <span key={item.id}>
              {index > 0 && '; '}
              <a href={`#finding-${item.id}`} className="text-accent-strong underline decoration-accent/40 underline-offset-2 hover:decoration-accent">
                {item.title}
              </a>
            </span>
          ))}
          {verdict.evidence.length > EVIDENCE_SHOWN && ` and ${formatCountOf(verdict.evidence.length - EVIDENCE_SHOWN, 'more finding', 'more findings')} below`}
        </p>
      )}
      {verdict.advice.length > 0 && (
        <div className="mt-2">
          <h3 className="text-sm font-semibold text-ink">What to tell the customer, or do next</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-ink">
            {verdict.advice.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
});
