// Pre-call checks and ICE candidate pairs. Traps: pair round-trip times are SECONDS,
// available bitrates bits/s, last-packet times EPOCH MS (not ISO like everything else),
// and the legacy pre-call rtt/jitter are seconds with loss as a 0..1 fraction.

import type { CandidatePair, Connectivity, IceCandidate, PrecallCheck } from './model.ts';
import { isRecord, type JsonObject } from '../lib/json-value.ts';
import { mediaPairs } from './media-path.ts';
import { joinPath, type Reader } from './read-json.ts';
import { bitsPerSecondToKbps, fractionToPercent, secondsToMs } from './units.ts';

export interface ConnectivityInput {
  metadata: JsonObject | null;
  metadataPath: string;
}

function readPcMetadata(reader: Reader, raw: unknown, base: string): PrecallCheck | null {
  if (!isRecord(raw)) {
    reader.warn(base, 'expected a pre-call object; skipped');
    return null;
  }
  const sdp: string[] = [];
  const rawSdp = reader.value(raw, 'sdp');
  if (Array.isArray(rawSdp)) {
    for (const entry of rawSdp) if (typeof entry === 'string') sdp.push(entry);
  } else if (typeof rawSdp === 'string') {
    sdp.push(rawSdp);
  }
  return {
    at: reader.timestamp(raw, 'timestamp', base),
    effectiveNetworkType: reader.stringOf(raw, ['effective_network_type', 'effective_networktype'], base),
    turnConnectivity: reader.boolean(raw, 'turn_connectivity', base),
    relayConnectivity: reader.boolean(raw, 'relay_connectivity', base),
    reflexiveConnectivity: reader.boolean(raw, 'reflexive_connectivity', base),
    rttMs: null,
    backendRttMs: null,
    jitterMs: null,
    lossPercent: null,
    throughputKbps: null,
    sdp,
  };
}

/** Legacy Dyte `precall_network_information`: one measurement, in seconds and a 0..1 loss. */
function readLegacyPrecall(reader: Reader, raw: JsonObject, base: string): PrecallCheck {
  const loss = reader.number(raw, 'fractional_loss', base);
  const lossPercent = fractionToPercent(loss);
  if (loss !== null && lossPercent === null) {
    reader.warn(joinPath(base, 'fractional_loss'), `loss fraction ${loss} is outside 0..1; ignored`);
  }
  return {
    at: reader.timestamp(raw, 'timestamp', base),
    effectiveNetworkType: reader.stringOf(raw, ['effective_networktype', 'effective_network_type'], base),
    turnConnectivity: reader.boolean(raw, 'turn_connectivity', base),
    relayConnectivity: reader.boolean(raw, 'relay_connectivity', base),
    reflexiveConnectivity: reader.boolean(raw, 'reflexive_connectivity', base),
    rttMs: secondsToMs(reader.number(raw, 'rtt', base)),
    backendRttMs: secondsToMs(reader.number(raw, 'backend_rtt', base)),
    jitterMs: secondsToMs(reader.number(raw, 'jitter', base)),
    lossPercent,
    // The unit of the pre-call throughput is not documented; kbps is the likeliest reading. Shown as given.
    throughputKbps: reader.number(raw, 'throughput', base),
    sdp: [],
  };
}

function readCandidate(reader: Reader, pair: JsonObject, side: 'local' | 'remote', base: string): IceCandidate {
  // Flattened `local_candidate_type` is the documented form; a nested `local_candidate`
  // object (what getStats itself produces) is read the same way.
  const nested = reader.value(pair, `${side}_candidate`);
  const source = isRecord(nested) ? nested : pair;
  const sourceBase = isRecord(nested) ? joinPath(base, `${side}_candidate`) : base;
  const prefix = isRecord(nested) ? '' : `${side}_candidate_`;
  const key = (name: string, camel: string): string[] => [`${prefix}${name}`, `${prefix}${camel}`];
  return {
    id: reader.stringOf(source, key('id', 'id'), sourceBase),
    type: reader.stringOf(source, key('type', 'candidateType'), sourceBase),
    address: reader.stringOf(source, [...key('address', 'address'), `${prefix}ip`], sourceBase),
    port: reader.numberOf(source, key('port', 'port'), sourceBase),
    protocol: reader.stringOf(source, key('protocol', 'protocol'), sourceBase),
    networkType: reader.stringOf(source, key('network_type', 'networkType'), sourceBase),
    relatedAddress: reader.stringOf(source, key('related_address', 'relatedAddress'), sourceBase),
    relatedPort: reader.numberOf(source, key('related_port', 'relatedPort'), sourceBase),
    url: reader.stringOf(source, key('url', 'url'), sourceBase),
  };
}

const TCP_URL = /[?&]transport=tcp\b/i;

function readPair(reader: Reader, raw: unknown, base: string): CandidatePair | null {
  if (!isRecord(raw)) {
    reader.warn(base, 'expected a candidate pair object; skipped');
    return null;
  }
  const local = readCandidate(reader, raw, 'local', base);
  const remote = readCandidate(reader, raw, 'remote', base);
  const relayProtocol = reader.stringOf(
    raw,
    ['local_candidate_relay_protocol', 'local_candidate_relayProtocol', 'relay_protocol'],
    base,
  );
  const current = reader.number(raw, 'current_round_trip_time', base);
  let rttSeconds = current;
  if (rttSeconds === null) {
    const total = reader.number(raw, 'total_round_trip_time', base);
    const responses = reader.number(raw, 'responses_received', base);
    rttSeconds = total !== null && responses !== null && responses > 0 ? total / responses : null;
  }
  const relayed = local.type?.toLowerCase() === 'relay';
  const overTcp =
    local.protocol?.toLowerCase() === 'tcp' ||
    remote.protocol?.toLowerCase() === 'tcp' ||
    relayProtocol?.toLowerCase() === 'tcp' ||
    (local.url !== null && TCP_URL.test(local.url)) ||
    (remote.url !== null && TCP_URL.test(remote.url));
  return {
    rttMs: secondsToMs(rttSeconds),
    availableOutgoingKbps: bitsPerSecondToKbps(reader.number(raw, 'available_outgoing_bitrate', base)),
    availableIncomingKbps: bitsPerSecondToKbps(reader.number(raw, 'available_incoming_bitrate', base)),
    bytesSent: reader.number(raw, 'bytes_sent', base),
    bytesReceived: reader.number(raw, 'bytes_received', base),
    packetsSent: reader.number(raw, 'packets_sent', base),
    packetsReceived: reader.number(raw, 'packets_received', base),
    lastPacketSentAt: reader.timestamp(raw, 'last_packet_sent_timestamp', base),
    lastPacketReceivedAt: reader.timestamp(raw, 'last_packet_received_timestamp', base),
    local,
    remote,
    relayed,
    overTcp,
    nominated: reader.booleanOf(raw, ['nominated', 'selected'], base),
    bytesDiscardedOnSend: reader.number(raw, 'bytes_discarded_on_send', base),
    packetsDiscardedOnSend: reader.number(raw, 'packets_discarded_on_send', base),
  };
}

function readPairs(reader: Reader, pairs: JsonObject, key: string, base: string): CandidatePair[] {
  const out: CandidatePair[] = [];
  const list = reader.value(pairs, key);
  if (list === undefined) return out;
  // A single pair object instead of a list is read as a list of one.
  const items = Array.isArray(list) ? list : isRecord(list) ? [list] : null;
  if (!items) {
    reader.warn(joinPath(base, key), 'expected a list of candidate pairs');
    return out;
  }
  items.forEach((raw, index) => {
    const pair = readPair(reader, raw, Array.isArray(list) ? joinPath(joinPath(base, key), index) : joinPath(base, key));
    if (pair) out.push(pair);
  });
  return out;
}

/** Null when the report carried none of pc_metadata, candidate_pairs, precall_network_information. */
export function readConnectivity(reader: Reader, input: ConnectivityInput): Connectivity | null {
  const { metadata, metadataPath } = input;
  if (!metadata) return null;
  const pcMetadata = reader.value(metadata, 'pc_metadata');
  const candidatePairs = reader.object(metadata, 'candidate_pairs', metadataPath);
  const legacy = reader.value(metadata, 'precall_network_information');
  if (pcMetadata === undefined && candidatePairs === null && legacy === undefined) return null;

  const precall: PrecallCheck[] = [];
  const pcPath = joinPath(metadataPath, 'pc_metadata');
  if (Array.isArray(pcMetadata)) {
    pcMetadata.forEach((raw, index) => {
      const check = readPcMetadata(reader, raw, joinPath(pcPath, index));
      if (check) precall.push(check);
    });
  } else if (isRecord(pcMetadata)) {
    const check = readPcMetadata(reader, pcMetadata, pcPath);
    if (check) precall.push(check);
  } else if (pcMetadata !== undefined) {
    reader.warn(pcPath, 'expected a list of pre-call checks');
  }
  const legacyPath = joinPath(metadataPath, 'precall_network_information');
  if (isRecord(legacy)) precall.push(readLegacyPrecall(reader, legacy, legacyPath));
  else if (legacy !== undefined) reader.warn(legacyPath, 'expected an object');

  const pairsPath = joinPath(metadataPath, 'candidate_pairs');
  const sending = candidatePairs ? readPairs(reader, candidatePairs, 'producing_transport', pairsPath) : [];
  const receiving = candidatePairs ? readPairs(reader, candidatePairs, 'consuming_transport', pairsPath) : [];
  // Only the pairs that carried media say how media travelled; a relay pair merely tried does not.
  const used = [...mediaPairs(sending), ...mediaPairs(receiving)];
  return {
    precall,
    sending,
    receiving,
    usesRelay: used.some((pair) => pair.relayed),
    usesTcp: used.some((pair) => pair.overTcp),
  };
}
