// Quality thresholds, in display units, each with the public sources it comes from (Twilio's
// SDK warnings and call tags, Microsoft Teams network targets and CQD, testRTC, rtcstats, ITU-T G.114).
// The diagnosis rules and the chart threshold lines both read these, so a line on a
// chart is exactly where a finding starts.

export interface Threshold {
  warn: number;
  critical: number;
  /** Lower values are worse (MOS, frame rate). */
  lowerIsWorse: boolean;
  unit: string;
  source: string;
}

export const THRESHOLDS = {
  lossPercent: {
    warn: 1,
    critical: 5,
    lowerIsWorse: false,
    unit: '%',
    source: 'Twilio SDK warnings and call tags; Microsoft Teams network targets',
  },
  jitterMs: {
    warn: 30,
    critical: 50,
    lowerIsWorse: false,
    unit: 'ms',
    source: 'Twilio, Microsoft Teams, testRTC (30 ms); rtcstats (40-50 ms)',
  },
  rttMs: {
    warn: 300,
    critical: 500,
    lowerIsWorse: false,
    unit: 'ms',
    source: 'Twilio (400 ms), testRTC (250 ms), rtcstats bands (over 300 ms problematic), ITU-T G.114',
  },
  mos: {
    warn: 3.5,
    critical: 3,
    lowerIsWorse: true,
    unit: '',
    source: 'Twilio low_mos (3.5); peermetrics (very low under 3)',
  },
  fps: {
    warn: 10,
    critical: 7,
    lowerIsWorse: true,
    unit: 'fps',
    source: 'Microsoft Teams CQD (under 7 fps is poor)',
  },
} as const satisfies Record<string, Threshold>;

/** Samples needed over a threshold within the window for a problem to count as sustained. */
export const SUSTAIN = { hits: 3, window: 5 } as const;
