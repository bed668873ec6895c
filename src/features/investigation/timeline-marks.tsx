import type { EventCategory, TimelineEvent } from '../../report/model.ts';

// The timeline's visual vocabulary, shared by the lanes and the list: a colour per
// category, and a shape per severity so a problem reads as one without its colour.

interface CategoryClasses {
  fill: string;
  bg: string;
  border: string;
}

// Literal class names, so Tailwind sees every one of them.
export const CATEGORY_CLASSES: Record<EventCategory, CategoryClasses> = {
  lifecycle: { fill: 'fill-(--ps-cat-lifecycle)', bg: 'bg-(--ps-cat-lifecycle)', border: 'border-(--ps-cat-lifecycle)' },
  media: { fill: 'fill-(--ps-cat-media)', bg: 'bg-(--ps-cat-media)', border: 'border-(--ps-cat-media)' },
  network: { fill: 'fill-(--ps-cat-network)', bg: 'bg-(--ps-cat-network)', border: 'border-(--ps-cat-network)' },
  device: { fill: 'fill-(--ps-cat-device)', bg: 'bg-(--ps-cat-device)', border: 'border-(--ps-cat-device)' },
  focus: { fill: 'fill-(--ps-cat-focus)', bg: 'bg-(--ps-cat-focus)', border: 'border-(--ps-cat-focus)' },
  error: { fill: 'fill-(--ps-cat-error)', bg: 'bg-(--ps-cat-error)', border: 'border-(--ps-cat-error)' },
  player: { fill: 'fill-(--ps-cat-player)', bg: 'bg-(--ps-cat-player)', border: 'border-(--ps-cat-player)' },
  other: { fill: 'fill-(--ps-cat-other)', bg: 'bg-(--ps-cat-other)', border: 'border-(--ps-cat-other)' },
};

export interface EventShapeProps {
  category: EventCategory;
  severity: TimelineEvent['severity'];
  className?: string;
}

/** Circle for an ordinary event, diamond for a notable one, red warning triangle for a problem. */
export function EventShape({ category, severity, className = 'h-3.5 w-3.5' }: EventShapeProps) {
  const fill = CATEGORY_CLASSES[category].fill;
  return (
    <svg aria-hidden="true" viewBox="0 0 14 14" className={`shrink-0 overflow-visible ${className}`}>
      {severity === 'problem' ? (
        <>
          <path d="M7 0.8 L13.6 12.9 H0.4 Z" className="fill-bad stroke-surface" strokeWidth="1" strokeLinejoin="round" />
          <path d="M7 4.8 V8.8" className="stroke-surface" strokeWidth="1.7" strokeLinecap="round" />
          <circle cx="7" cy="10.9" r="0.95" className="fill-surface" />
        </>
      ) : severity === 'notable' ? (
        <path d="M7 1.2 L12.8 7 L7 12.8 L1.2 7 Z" className={`${fill} stroke-surface`} strokeWidth="1.2" strokeLinejoin="round" />
      ) : (
        <circle cx="7" cy="7" r="3.8" className={`${fill} stroke-surface`} strokeWidth="1.2" />
      )}
    </svg>
  );
}

/** A small square of the category's colour, beside its name. */
export function CategorySwatch({ category, hollow = false }: { category: EventCategory; hollow?: boolean }) {
  const { bg, border } = CATEGORY_CLASSES[category];
  return <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-[3px] border-2 ${border} ${hollow ? 'bg-transparent' : bg}`} />;
}
