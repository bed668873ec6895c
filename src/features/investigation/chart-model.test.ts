import { describe, expect, it } from 'vitest';
import type { SeriesPoints } from '../../lib/downsample.ts';
import type { Finding, QualitySample, QualityStream, TimelineEvent } from '../../report/model.ts';
import { buildGroups, chartBands, keyEventMarkers, markersInView, notChartedNotes, remoteSenders, senderStyle, type ChartModel, type GroupModel } from './chart-model.ts';
import { METRICS } from './quality-metrics.ts';

const T0 = Date.UTC(2026, 8, 14, 13, 0, 0);
const LONG_PEER = '6513270e-269e-4d37-b2a7-4de452e6b438';

function sample(at: number, values: Partial<QualitySample> = {}): QualitySample {
  return {
    at,
    bitrateKbps: null,
    lossPercent: null,
    jitterMs: null,
    rttMs: null,
    mos: null,
    fps: null,
    width: null,
    height: null,
    packets: null,
    packetsLost: null,
    bytes: null,
    jitterBufferDelayMs: null,
    concealmentEvents: null,
    framesDropped: null,
    qualityLimitationReason: null,
    ...values,
  };
}

function stream(id: string, kind: QualityStream['kind'], direction: QualityStream['direction'], samples: QualitySample[], remotePeerId: string | null = null): QualityStream {
  return { id, kind, direction, remotePeerId, source: `${kind}_${direction === 'send' ? 'producer' : 'consumer'}`, samples };
}

let nextId = 0;
function event(at: number, name: string, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  nextId += 1;
  return { id: `e-${nextId}`, at, source: 'client', name, label: name, category: 'media', severity: 'normal', details: {}, ...overrides };
}

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'finding',
    rule: 'rule',
    severity: 'warning',
    title: 'A finding',
    sentence: '',
    streamId: null,
    streamIds: [],
    remotePeerId: null,
    metric: 'lossPercent',
    intervals: [],
    source: '',
    ...overrides,
  };
}

/** Points as plain arrays, a gap as null. */
const plain = ({ at, values }: SeriesPoints) => ({ at: [...at], values: [...values].map((value) => (Number.isNaN(value) ? null : value)) });

const talking = (at: number, rttMs: number) => sample(at, { bitrateKbps: 30, lossPercent: 0, jitterMs: 10, rttMs, mos: 4.2 });
const video = (at: number) => sample(at, { bitrateKbps: 500, fps: 25, height: 720 });
/** No frames and almost no bytes: a camera that is off. */
const cameraOff = (at: number) => sample(at, { bitrateKbps: 1, fps: 0, height: 720 });

const sentAudio = stream('audio-send', 'audio', 'send', [0, 5000, 10000].map((at) => talking(T0 + at, 50)));
const sentVideo = stream('video-send', 'video', 'send', [0, 5000, 10000].map((at) => video(T0 + at)));
const fromB = stream('video-receive-peer-b', 'video', 'receive', [0, 5000, 10000, 15000].map((at) => (at === 10000 ? cameraOff(T0 + at) : video(T0 + at))), 'peer-b');
const fromLong = stream(`video-receive-${LONG_PEER}`, 'video', 'receive', [0, 5000, 10000].map((at) => video(T0 + at)), LONG_PEER);
const streams = [sentAudio, sentVideo, fromB, fromLong];

describe('remoteSenders', () => {
  it('lists each remote sender once, sorted, and no one for sent streams', () => {
    const again = stream('audio-receive-peer-b', 'audio', 'receive', [], 'peer-b');
    expect(remoteSenders([...streams, again])).toEqual([LONG_PEER, 'peer-b']);
    expect(remoteSenders([sentAudio, sentVideo])).toEqual([]);
  });
});

describe('buildGroups', () => {
  const senders = [LONG_PEER, 'peer-b'];

  it('makes a group per kind and direction that has streams, with a chart per metric that has values', () => {
    const groups = buildGroups({ streams, timeline: [] }, senders, 'all');
    expect(groups.map((group) => group.spec.title)).toEqual(['Sent audio', 'Sent video', 'Received video']);
    expect(groups.map((group) => group.charts.map((chart) => chart.title))).toEqual([
      ['Sent audio: Bitrate', 'Sent audio: Packet loss', 'Sent audio: Jitter', 'Sent audio: Round-trip time', 'Sent audio: MOS'],
      ['Sent video: Bitrate', 'Sent video: Frame rate', 'Sent video: Resolution (height)'],
      ['Received video: Bitrate', 'Received video: Frame rate', 'Received video: Resolution (height)'],
    ]);
    expect(groups[1]?.charts.map((chart) => chart.id)).toEqual(['video-send-bitrateKbps', 'video-send-fps', 'video-send-height']);
  });

  it('has no groups without streams', () => {
    expect(buildGroups({ streams: [], timeline: [] }, [], 'all')).toEqual([]);
  });

  it('gives one series per stream, named and coloured by its sender', () => {
    const [sent, , received] = buildGroups({ streams, timeline: [] }, senders, 'all');
    expect(sent?.charts[0]?.series).toEqual([{ key: 's_audio_send', name: 'Sent', color: 'var(--ps-series-1)' }]);
    expect(received?.charts[0]?.series).toEqual([
      { key: 's_video_receive_peer_b', name: 'from peer-b', color: 'var(--ps-series-2)' },
      { key: 's_video_receive_6513270e_269e_4d37_b2a7_4de452e6b438', name: 'from 6513270e…e6b438', color: 'var(--ps-series-1)' },
    ]);
    expect(received?.charts[0]?.streamIds).toEqual(new Set(['video-receive-peer-b', `video-receive-${LONG_PEER}`]));
  });

  it('names a received stream without a sender "Received"', () => {
    const anonymous = stream('audio-receive', 'audio', 'receive', [talking(T0, 50)]);
    const [group] = buildGroups({ streams: [anonymous], timeline: [] }, [], 'all');
    expect(group?.charts[0]?.series).toEqual([{ key: 's_audio_receive', name: 'Received', color: 'var(--ps-series-1)' }]);
  });

  it('shows one remote sender only, in its own colour, and every sent stream still', () => {
    const groups = buildGroups({ streams, timeline: [] }, senders, 'peer-b');
    expect(groups.map((group) => group.spec.title)).toEqual(['Sent audio', 'Sent video', 'Received video']);
    expect(groups[2]?.charts[0]?.series).toEqual([{ key: 's_video_receive_peer_b', name: 'from peer-b', color: 'var(--ps-series-2)' }]);
    // A sender with no streams: only the sent groups are left.
    expect(buildGroups({ streams, timeline: [] }, senders, 'peer-z').map((group) => group.spec.title)).toEqual(['Sent audio', 'Sent video']);
  });

  it('gives each series its points, one per sample, in the order of the series', () => {
    const [, , received] = buildGroups({ streams, timeline: [] }, senders, 'all');
    const bitrate = received?.charts[0];
    expect(bitrate?.points().map(plain)).toEqual([
      // peer-b's camera was off at +10 s: no value there.
      { at: [T0, T0 + 5000, T0 + 10000, T0 + 15000], values: [500, 500, null, 500] },
      { at: [T0, T0 + 5000, T0 + 10000], values: [500, 500, 500] },
    ]);
    // Computed once, then kept.
    expect(bitrate?.points()).toBe(bitrate?.points());
  });

  it('reads a muted stretch as no MOS or bitrate: a sample at its end is inside it, one at its start is not', () => {
    // Muted from +9 s to +16 s. The sample at +15 s measured (+10 s, +15 s], all muted: off.
    // The ones at +10 s and +20 s measured only a second of it: still judged.
    const audio = stream('audio-send', 'audio', 'send', [0, 5000, 10000, 15000, 20000, 25000].map((at, i) => ({ ...talking(T0 + at, 50 + 10 * i), mos: 4 + i / 10 })));
    const timeline = [event(T0 + 9000, 'audio_off'), event(T0 + 16000, 'audio_on')];
    const [group] = buildGroups({ streams: [audio], timeline }, [], 'all');
    const mos = group?.charts.find((chart) => chart.spec.key === 'mos');
    expect(mos?.off).toEqual([{ start: T0 + 10000, end: T0 + 15000 }]);
    expect(mos?.offLabel).toBe('muted or silent');
    expect(mos?.points().map(plain)).toEqual([
      { at: [T0, T0 + 5000, T0 + 10000, T0 + 15000, T0 + 20000, T0 + 25000], values: [4, 4.1, 4.2, null, 4.4, 4.5] },
    ]);
    // The round-trip time of the muted stretch is still a measurement of the network: drawn, over the band.
    const rtt = group?.charts.find((chart) => chart.spec.key === 'rttMs');
    expect(rtt?.off).toEqual([{ start: T0 + 10000, end: T0 + 15000 }]);
    expect(rtt?.points().map(plain)[0]?.values).toEqual([50, 60, 70, 80, 90, 100]);
  });

  it('draws the network charts of a microphone muted the whole call, shaded, and no MOS or bitrate chart', () => {
    // Silence frames: ~50 packets/s of 19 bytes, scored MOS 1, with a 783 ms round trip among them.
    const silence = (at: number, rttMs: number) =>
      sample(at, { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, mos: 1, rttMs, jitterMs: 6, lossPercent: 0 });
    const audio = stream('audio-send', 'audio', 'send', [silence(T0, 48), silence(T0 + 7000, 783), silence(T0 + 14000, 51)]);
    const [group] = buildGroups({ streams: [audio], timeline: [] }, [], 'all');
    expect(group?.charts.map((chart) => chart.id)).toEqual(['audio-send-lossPercent', 'audio-send-jitterMs', 'audio-send-rttMs']);
    const rtt = group?.charts.find((chart) => chart.spec.key === 'rttMs');
    expect(rtt?.points().map(plain)[0]?.values).toEqual([48, 783, 51]);
    expect(rtt?.off).toEqual([{ start: T0 - 7000, end: T0 + 14000 }]);
  });

  it('leaves out a chart whose only values fall in off stretches', () => {
    // Nothing flowed for the first three samples (muted, no packets), which alone carry a round-trip time.
    const muted = (at: number) => sample(at, { bitrateKbps: 0, packets: 0, bytes: 0, mos: 1, rttMs: 50 });
    const audio = stream('audio-send', 'audio', 'send', [muted(T0), muted(T0 + 5000), muted(T0 + 10000), sample(T0 + 15000, { bitrateKbps: 30, mos: 4.2 })]);
    const [group] = buildGroups({ streams: [audio], timeline: [] }, [], 'all');
    expect(group?.charts.map((chart) => chart.id)).toEqual(['audio-send-bitrateKbps', 'audio-send-mos']);
    expect(group?.charts[0]?.off).toEqual([{ start: T0 - 5000, end: T0 + 10000 }]);
    expect(group?.charts[0]?.points().map(plain)[0]?.values).toEqual([null, null, null, 30]);
    // Nothing but muted samples: no chart, only the group's word on why.
    const silent = stream('audio-send', 'audio', 'send', [muted(T0), muted(T0 + 5000)]);
    const [only] = buildGroups({ streams: [silent], timeline: [] }, [], 'all');
    expect(only?.charts).toEqual([]);
    expect(only?.notCharted.map((entry) => [entry.metric.key, entry.reason])).toEqual([
      ['bitrateKbps', 'off'],
      ['lossPercent', 'not-in-report'],
      ['jitterMs', 'not-in-report'],
      ['rttMs', 'off'],
      ['mos', 'off'],
    ]);
  });

  it("shades off stretches only on a chart of one stream, and calls a camera's 'off'", () => {
    const all = buildGroups({ streams, timeline: [] }, senders, 'all');
    expect(all[2]?.charts[0]?.off).toEqual([]);
    const one = buildGroups({ streams, timeline: [] }, senders, 'peer-b');
    expect(one[2]?.charts[0]?.off).toEqual([{ start: T0 + 5000, end: T0 + 10000 }]);
    expect(one[2]?.charts[0]?.offLabel).toBe('off');
  });
});

describe('what a group says instead of a chart', () => {
  it('a microphone muted the whole call: MOS and bitrate not charted, in words, and the network charts kept', () => {
    const silence = (at: number) => sample(at, { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, mos: 1, rttMs: 48, jitterMs: 6, lossPercent: 0 });
    const [group] = buildGroups({ streams: [stream('audio-send', 'audio', 'send', [silence(T0), silence(T0 + 7000)])], timeline: [] }, [], 'all');
    expect(group?.charts.map((chart) => chart.spec.key)).toEqual(['lossPercent', 'jitterMs', 'rttMs']);
    expect(notChartedNotes(group as GroupModel)).toEqual([
      'Bitrate and MOS not charted: every sample was muted or silent, and silence frames (scored MOS 1) say nothing of call quality.',
    ]);
  });

  it('names what the report did not carry, only where the schema carries it', () => {
    // Sent audio without rtt: the producer's schema has it, so its absence is said.
    const noRtt = stream('audio-send', 'audio', 'send', [0, 7000].map((at) => sample(T0 + at, { bitrateKbps: 30, lossPercent: 0, jitterMs: 8, mos: 4.3 })));
    // Received audio never carries a round-trip time: nothing to say about it; the jitter buffer is missing.
    const heard = stream('audio-receive-peer-b', 'audio', 'receive', [0, 7000].map((at) => sample(T0 + at, { bitrateKbps: 30, lossPercent: 0, jitterMs: 8, mos: 4.3 })), 'peer-b');
    const [sent, received] = buildGroups({ streams: [noRtt, heard], timeline: [] }, ['peer-b'], 'all');
    expect(notChartedNotes(sent as GroupModel)).toEqual(['Not in this report: round-trip time.']);
    expect(notChartedNotes(received as GroupModel)).toEqual(['Not in this report: jitter buffer delay and concealment events.']);
  });

  it('a camera off in every sample: bitrate, frame rate and resolution not charted, said for the camera', () => {
    const off = stream('video-send', 'video', 'send', [0, 7000, 14000].map((at) => cameraOff(T0 + at)));
    const [group] = buildGroups({ streams: [off], timeline: [] }, [], 'all');
    expect(group?.charts).toEqual([]);
    expect(notChartedNotes(group as GroupModel)[0]).toBe(
      'Bitrate, frame rate, and resolution (height) not charted: every sample was taken while the camera was off.',
    );
  });
});

describe('what a listener hears and a viewer loses', () => {
  it('charts received audio jitter-buffer delay and concealment events, and received video frames dropped', () => {
    const heard = (at: number, jitterBufferDelayMs: number, concealmentEvents: number) =>
      sample(at, { bitrateKbps: 30, packets: 350, bytes: 28_000, mos: 4.3, jitterBufferDelayMs, concealmentEvents });
    const audio = stream('audio-receive-peer-b', 'audio', 'receive', [heard(T0, 60, 0), heard(T0 + 7000, 95, 4)], 'peer-b');
    const videoIn = stream('video-receive-peer-b', 'video', 'receive', [0, 7000].map((at, i) => ({ ...video(T0 + at), framesDropped: i * 3 })), 'peer-b');
    const [heardGroup, seenGroup] = buildGroups({ streams: [audio, videoIn], timeline: [] }, ['peer-b'], 'all');
    const jitterBuffer = heardGroup?.charts.find((chart) => chart.spec.key === 'jitterBufferDelayMs');
    expect(jitterBuffer?.title).toBe('Received audio: Jitter buffer delay');
    expect(jitterBuffer?.points().map(plain)[0]?.values).toEqual([60, 95]);
    const concealment = heardGroup?.charts.find((chart) => chart.spec.key === 'concealmentEvents');
    expect(concealment?.title).toBe('Received audio: Concealment events');
    expect(concealment?.spec.format(4)).toBe('4 per sample');
    expect(seenGroup?.charts.find((chart) => chart.spec.key === 'framesDropped')?.points().map(plain)[0]?.values).toEqual([0, 3]);
    // Sent streams carry none of these: no such chart for them.
    const [sent] = buildGroups({ streams: [sentAudio], timeline: [] }, [], 'all');
    expect(sent?.charts.some((chart) => chart.spec.key === 'jitterBufferDelayMs' || chart.spec.key === 'concealmentEvents')).toBe(false);
  });
});

describe('chartBands', () => {
  const loss = METRICS.find((metric) => metric.key === 'lossPercent');
  if (!loss) throw new Error('no packet loss metric');
  const chart: Pick<ChartModel, 'spec' | 'streamIds' | 'off' | 'offLabel'> = {
    spec: loss,
    streamIds: new Set(['audio-send']),
    off: [{ start: 100, end: 200 }],
    offLabel: 'muted',
  };
  const view = { start: 0, end: 1000 };
  const onThisChart = finding({ id: 'critical', severity: 'critical', title: 'Packet loss on sent audio', streamIds: ['audio-send'], intervals: [{ start: 300, end: 400 }, { start: 900, end: 1200 }] });
  const onEverything = finding({ id: 'several', title: 'Packet loss everywhere', streamIds: ['audio-receive-x', 'audio-send'], intervals: [{ start: 500, end: 600 }] });
  const otherStream = finding({ id: 'video', title: 'Packet loss on sent video', streamIds: ['video-send'], intervals: [{ start: 700, end: 800 }] });
  const info = finding({ id: 'info', severity: 'info', title: 'Some loss', streamIds: ['audio-send'], intervals: [{ start: 0, end: 1000 }] });
  const otherMetric = finding({ id: 'jitter', metric: 'jitterMs', title: 'Jitter', streamIds: ['audio-send'], intervals: [{ start: 0, end: 1000 }] });
  const findings = [onThisChart, onEverything, otherStream, info, otherMetric];

  it("shades off stretches, then the warning and critical findings on the chart's streams and metric", () => {
    expect(chartBands(chart, findings, null, view)).toEqual([
      { start: 100, end: 200, kind: 'off', label: 'muted' },
      { start: 300, end: 400, kind: 'critical', label: 'Packet loss on sent audio' },
      { start: 900, end: 1000, kind: 'critical', label: 'Packet loss on sent audio' },
      { start: 500, end: 600, kind: 'warning', label: 'Packet loss everywhere' },
    ]);
  });

  it('cuts every band to the view and drops those outside it', () => {
    expect(chartBands(chart, findings, null, { start: 150, end: 350 })).toEqual([
      { start: 150, end: 200, kind: 'off', label: 'muted' },
      { start: 300, end: 350, kind: 'critical', label: 'Packet loss on sent audio' },
    ]);
  });

  it('adds the highlighted finding on top, on every chart', () => {
    expect(chartBands({ ...chart, off: [] }, findings, 'video', view)).toEqual([
      { start: 300, end: 400, kind: 'critical', label: 'Packet loss on sent audio' },
      { start: 900, end: 1000, kind: 'critical', label: 'Packet loss on sent audio' },
      { start: 500, end: 600, kind: 'warning', label: 'Packet loss everywhere' },
      { start: 700, end: 800, kind: 'highlight', label: 'Packet loss on sent video' },
    ]);
    expect(chartBands({ ...chart, off: [] }, [otherStream], 'gone', view)).toEqual([]);
  });
});

describe('event markers', () => {
  it('marks reconnects, mutes, focus changes, device changes and every problem', () => {
    const timeline = [
      event(T0, 'PEER_JOINING', { category: 'lifecycle', label: 'Joining' }),
      event(T0 + 1, 'reconnect_attempt', { category: 'network', severity: 'notable', label: 'Reconnect attempt' }),
      event(T0 + 2, 'ping_stat', { category: 'network', label: 'Ping' }),
      event(T0 + 3, 'audio_devices_updates', { category: 'device', label: 'Audio devices changed' }),
      event(T0 + 4, 'ice_failed', { category: 'network', severity: 'problem', label: 'ICE failed' }),
      event(T0 + 5, 'tab_change', { category: 'focus', label: 'Tab changed' }),
      event(T0 + 6, 'video_off', { severity: 'notable', label: 'Camera off' }),
      event(T0 + 7, 'screenshare_started', { label: 'Screen share started' }),
    ];
    expect(keyEventMarkers(timeline)).toEqual([
      { at: T0 + 1, label: 'Reconnect attempt', problem: false },
      { at: T0 + 3, label: 'Audio devices changed', problem: false },
      { at: T0 + 4, label: 'ICE failed', problem: true },
      { at: T0 + 5, label: 'Tab changed', problem: false },
      { at: T0 + 6, label: 'Camera off', problem: false },
    ]);
  });

  it('keeps the markers within the view, its ends included', () => {
    const markers = [0, 500, 1000, 1001].map((at) => ({ at, label: String(at), problem: false }));
    expect(markersInView(markers, { start: 0, end: 1000 }).map((marker) => marker.at)).toEqual([0, 500, 1000]);
    expect(markersInView(markers, { start: 1, end: 999 }).map((marker) => marker.at)).toEqual([500]);
  });
});

describe('senderStyle', () => {
  it('gives eight senders eight colours, then the same colours dashed', () => {
    expect(senderStyle(0)).toEqual({ color: 'var(--ps-series-1)' });
    expect(senderStyle(7)).toEqual({ color: 'var(--ps-series-8)' });
    expect(senderStyle(8)).toEqual({ color: 'var(--ps-series-1)', dashed: true });
    expect(senderStyle(11)).toEqual({ color: 'var(--ps-series-4)', dashed: true });
    expect(senderStyle(-1)).toEqual({ color: 'var(--ps-series-1)' });
  });
});
