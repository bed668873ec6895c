// Pure shaping for the timeline: lanes, filters, search, clustering of marks that would
// overlap, axis ticks, and the key events other charts mark. No React, tested on its own.

import type { EventCategory, TimeInterval, TimelineEvent } from '../../report/model.ts';
import { formatClock, formatOffset, type DisplayZone } from '../../lib/format.ts';

/** Lane order, top to bottom; `player` and `other` are added only when they have events. */
const LANE_CATEGORIES: readonly EventCategory[] = ['lifecycle', 'media', 'network', 'device', 'focus', 'error'];
const OPTIONAL_CATEGORIES: readonly EventCategory[] = ['player', 'other'];

export const CATEGORY_LABEL: Record<EventCategory, string> = {
  lifecycle: 'Lifecycle',
  media: 'Media',
  network: 'Network',
  device: 'Device',
  focus: 'Focus',
  error: 'Error',
  player: 'Player',
  other: 'Other',
};

export interface Lane {
  category: EventCategory;
  label: string;
  events: TimelineEvent[];
}

/** The categories that get a lane: the fixed six, plus `player` (a livestream viewer's) and `other` when they have events. */
export function laneCategories(events: readonly TimelineEvent[]): EventCategory[] {
  const present = OPTIONAL_CATEGORIES.filter((category) => events.some((event) => event.category === category));
  return [...LANE_CATEGORIES, ...present];
}

/** One lane per category, in lane order, each with its events in time order. */
export function assignLanes(events: readonly TimelineEvent[], categories: readonly EventCategory[] = laneCategories(events)): Lane[] {
  const byCategory = new Map<EventCategory, TimelineEvent[]>(categories.map((category) => [category, []]));
  for (const event of events) byCategory.get(event.category)?.push(event);
  return categories.map((category) => ({ category, label: CATEGORY_LABEL[category], events: byCategory.get(category) ?? [] }));
}

export function countByCategory(events: readonly TimelineEvent[]): Record<EventCategory, number> {
  const counts: Record<EventCategory, number> = { lifecycle: 0, media: 0, network: 0, device: 0, focus: 0, error: 0, player: 0, other: 0 };
  for (const event of events) counts[event.category] += 1;
  return counts;
}

/** First index whose time is >= at, in a list sorted by time. */
function lowerBound(events: readonly TimelineEvent[], at: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle]?.at ?? Number.POSITIVE_INFINITY) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Events inside the range, ends included; `events` must be sorted by time (the report's timeline is). */
export function eventsInRange(events: readonly TimelineEvent[], range: TimeInterval): TimelineEvent[] {
  const first = lowerBound(events, range.start);
  let last = first;
  while (last < events.length && (events[last]?.at ?? Number.POSITIVE_INFINITY) <= range.end) last += 1;
  return events.slice(first, last);
}

/** Lower-cased words of a search box; empty when there is nothing to search for. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter((term) => term !== '');
}

/** Every term must appear in the label, the raw name or one of the detail values. */
export function matchesSearch(event: TimelineEvent, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const haystack = [event.label, event.name, ...Object.values(event.details).map((value) => String(value))].join('\n').toLowerCase();
  return terms.every((term) => haystack.includes(term));
}

export interface EventFilter {
  /** Categories switched off with the chips. */
  hidden: ReadonlySet<EventCategory>;
  query: string;
}

export function filterEvents(events: readonly TimelineEvent[], { hidden, query }: EventFilter): TimelineEvent[] {
  const terms = searchTerms(query);
  if (hidden.size === 0 && terms.length === 0) return [...events];
  return events.filter((event) => !hidden.has(event.category) && matchesSearch(event, terms));
}

const SEVERITY_RANK: Record<TimelineEvent['severity'], number> = { normal: 0, notable: 1, problem: 2 };

/** One drawn mark: a single event, or several that would sit on top of each other. */
export interface MarkCluster {
  /** Key for rendering: the first event's id. */
  key: string;
  events: TimelineEvent[];
  /** Where the mark is drawn: the first event's time. */
  at: number;
  /** The last event's time, for the span a cluster covers. */
  endAt: number;
  /** 0..1 across the range. */
  position: number;
  /** The worst severity inside. */
  severity: TimelineEvent['severity'];
}

/**
 * Groups events whose marks would overlap: a mark takes every following event less than
 * `gapPx` to its right, and is drawn at its first event. Marks are thus always at least
 * `gapPx` apart and never further than `gapPx` from the events they stand for.
 */
export function clusterEvents(events: readonly TimelineEvent[], range: TimeInterval, widthPx: number, gapPx: number): MarkCluster[] {
  const span = range.end - range.start;
  if (!(span > 0) || !(widthPx > 0)) return [];
  const toPx = (at: number) => ((at - range.start) / span) * widthPx;
  const clusters: MarkCluster[] = [];
  let current: MarkCluster | null = null;
  let anchorPx = 0;
  for (const event of events) {
    if (event.at < range.start || event.at > range.end) continue;
    const px = toPx(event.at);
    if (current && px - anchorPx < gapPx) {
      current.events.push(event);
      current.endAt = event.at;
      if (SEVERITY_RANK[event.severity] > SEVERITY_RANK[current.severity]) current.severity = event.severity;
      continue;
    }
    current = { key: event.id, events: [event], at: event.at, endAt: event.at, position: (event.at - range.start) / span, severity: event.severity };
    anchorPx = px;
    clusters.push(current);
  }
  return clusters;
}

/** The event a cluster stands for when it is clicked: its first problem, else its first event. */
export function leadEvent(cluster: MarkCluster): TimelineEvent | undefined {
  return cluster.events.find((event) => event.severity === 'problem') ?? cluster.events[0];
}

/** "Reconnect attempt at T+12:03 (13:14:05)", times relative to `origin` (the join), clock times in `zone`. */
function describeEventAt(event: TimelineEvent, origin: number, zone: DisplayZone): string {
  return `${event.label} at ${formatOffset(event.at - origin)} (${formatClock(event.at, zone)})`;
}

/** Accessible name of a mark; a cluster names its span, its problems and its first labels. */
export function describeCluster(cluster: MarkCluster, origin: number, zone: DisplayZone): string {
  const [first] = cluster.events;
  if (!first) return '';
  if (cluster.events.length === 1) {
    return `${describeEventAt(first, origin, zone)}${first.severity === 'problem' ? ', problem' : ''}`;
  }
  const count = cluster.events.length;
  const problems = cluster.events.filter((event) => event.severity === 'problem').length;
  const when =
    cluster.endAt === cluster.at
      ? `at ${formatOffset(cluster.at - origin)} (${formatClock(cluster.at, zone)})`
      : `from ${formatOffset(cluster.at - origin)} (${formatClock(cluster.at, zone)}) to ${formatOffset(cluster.endAt - origin)} (${formatClock(cluster.endAt, zone)})`;
  const labels = [...new Set(cluster.events.map((event) => event.label))];
  const shown = labels.slice(0, 3).join(', ');
  const more = labels.length > 3 ? ` and ${labels.length - 3} more` : '';
  const problemText = problems > 0 ? `, ${problems} problem${problems === 1 ? '' : 's'}` : '';
  return `${count} events ${when}${problemText}: ${shown}${more}`;
}

/** The range a click on a mark zooms to: a minute either side (the clock clamps it). */
export function focusRange(cluster: Pick<MarkCluster, 'at' | 'endAt'>): TimeInterval {
  return { start: cluster.at - 60_000, end: cluster.endAt + 60_000 };
}

const TICK_STEPS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
  10_800_000, 21_600_000,
];

export interface AxisTick {
  at: number;
  /** 0..1 across the range. */
  position: number;
  clock: string;
  offset: string;
}

/**
 * Ticks at round offsets from `origin` (T+05:00, T+10:00: the relative scale the list
 * uses), about one per `minSpacingPx`, each labelled with clock time and offset.
 */
export function axisTicks(range: TimeInterval, origin: number, widthPx: number, zone: DisplayZone, minSpacingPx = 96): AxisTick[] {
  const span = range.end - range.start;
  if (!(span > 0) || !(widthPx > 0)) return [];
  const wanted = Math.max(1, Math.floor(widthPx / minSpacingPx));
  const step = TICK_STEPS_MS.find((candidate) => span / candidate <= wanted) ?? TICK_STEPS_MS[TICK_STEPS_MS.length - 1] ?? span;
  const ticks: AxisTick[] = [];
  for (let offset = Math.ceil((range.start - origin) / step) * step; origin + offset <= range.end; offset += step) {
    const at = origin + offset;
    ticks.push({ at, position: (at - range.start) / span, clock: formatClock(at, zone), offset: formatOffset(offset) });
  }
  return ticks;
}

/** 0..1 across the range, clamped, for shading intervals that run past the view. */
export function positionIn(range: TimeInterval, at: number): number {
  const span = range.end - range.start;
  if (!(span > 0)) return 0;
  return Math.min(1, Math.max(0, (at - range.start) / span));
}

/** The instant under a pixel of a lane `widthPx` wide. */
export function timeAtPx(range: TimeInterval, px: number, widthPx: number): number {
  if (!(widthPx > 0)) return range.start;
  return range.start + (Math.min(widthPx, Math.max(0, px)) / widthPx) * (range.end - range.start);
}
