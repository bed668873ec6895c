// What every rule needs besides the report: the call's time range, the join time that
// offsets are counted from, and per stream which samples are muted or switched off.
// Computed once per report and shared, so running every rule stays linear.

import { callRange } from '../call-range.ts';
import { mediaOffSamples, offMaskFor, toggleFor, toggleSpans, type StateSpan } from '../media-state.ts';
import type { PeerReport, QualitySample, QualityStream, SampleMetric, TimeInterval } from '../model.ts';
import { sampleSeries, type SampleSeries } from './sustained.ts';

export interface StreamActivity {
  /**
   * 1 where the media was muted, silent or switched off (../media-state.ts decides): its MOS,
   * bitrate, frame rate and resolution say nothing about quality.
   */
  inactive: Uint8Array;
  /** 1 where it was off and nothing flowed: its round-trip time, jitter and loss say nothing either. */
  noFlow: Uint8Array;
  /**
   * 1 where the timeline says the participant had this media switched ON for the whole
   * interval the sample measured; null when the timeline cannot say (no on/off events).
   */
  knownOn: Uint8Array | null;
  intervalMs: number;
}

export class DiagnosisContext {
  readonly report: PeerReport;
  readonly range: TimeInterval | null;
  /** Offsets in sentences count from here: the join time, else the start of the data. */
  readonly origin: number | null;
  private readonly activities = new Map<string, StreamActivity>();
  private readonly spans = new Map<string, StateSpan[] | null>();
  private readonly seriesByStream = new Map<QualityStream, SampleSeries<QualitySample>>();
  private readonly cache = new Map<string, unknown>();

  constructor(report: PeerReport) {
    this.report = report;
    this.range = callRange(report);
    this.origin = report.participant.joinedAt ?? this.range?.start ?? null;
  }

  get callDurationMs(): number | null {
    return this.range ? this.range.end - this.range.start : null;
  }

  /** Memoizes a per-report computation that several rules share (e.g. sustained loss per stream). */
  memo<T>(key: string, compute: () => T): T {
    // Keys are namespaced per computation (`threshold:<rule>:<stream>`), so a key always holds the same type.
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  private spansFor(stream: QualityStream): StateSpan[] | null {
    const toggle = toggleFor(stream);
    if (toggle === null) return null;
    if (!this.spans.has(toggle)) this.spans.set(toggle, toggleSpans(this.report.timeline, toggle));
    return this.spans.get(toggle) ?? null;
  }

  /** Which samples are off, exactly as the charts shade them (one definition, in ../media-state.ts). */
  activity(stream: QualityStream): StreamActivity {
    const cached = this.activities.get(stream.id);
    if (cached) return cached;
    const state = mediaOffSamples(stream, this.report.timeline, this.spansFor(stream));
    const activity: StreamActivity = { inactive: state.off, noFlow: state.noFlow, knownOn: state.knownOn, intervalMs: state.intervalMs };
    this.activities.set(stream.id, activity);
    return activity;
  }

  /** The samples a rule over `metric` leaves out, exactly as the charts leave them out. */
  mask(stream: QualityStream, metric: SampleMetric): Uint8Array {
    const activity = this.activity(stream);
    return offMaskFor({ off: activity.inactive, noFlow: activity.noFlow }, metric);
  }

  /** The stream's samples made ready for sustain windows (./sustained.ts), once for every rule. */
  series(stream: QualityStream): SampleSeries<QualitySample> {
    let series = this.seriesByStream.get(stream);
    if (!series) {
      series = sampleSeries(stream.samples, this.activity(stream).intervalMs);
      this.seriesByStream.set(stream, series);
    }
    return series;
  }
}
