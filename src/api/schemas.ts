import { z } from 'zod';

// zod probes `new Function` to speed up parsing; the built app's Content-Security-Policy
// forbids eval, so the probe only produces a CSP violation report. Parse without it.
z.config({ jitless: true });

// Lenient on purpose: every field is optional and unknown fields pass through, because
// the upstream has three response shapes and more may come. The report model reads
// the details; these schemas only decide "is this an envelope" and "is this a report".

const errorItem = z.looseObject({
  code: z.union([z.number(), z.string()]).optional(),
  message: z.string().optional(),
});

export const envelopeSchema = z.looseObject({
  success: z.boolean().optional(),
  data: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.union([errorItem, z.string()]).optional(),
  errors: z.array(errorItem).optional(),
  message: z.string().optional(),
});

export type Envelope = z.infer<typeof envelopeSchema>;

const record = z.record(z.string(), z.unknown());

const participantLike = z.union([
  z.looseObject({ peer_report: record }),
  z.looseObject({ peer_stats: record }),
  z.looseObject({ quality_stats: record }),
  z.looseObject({ id: z.string(), joined_at: z.unknown() }),
  z.looseObject({ id: z.string(), display_name: z.unknown() }),
]);

/** `data.participant` (current, legacy) or the participant fields in `data` (flat). */
export const peerReportDataSchema = z.union([
  z.looseObject({ participant: participantLike }),
  participantLike,
]);

export type PeerReportData = Record<string, unknown>;

export const appConfigSchema = z.object({
  mode: z.enum(['demo', 'live']),
  defaultAccountId: z.string().nullable().optional(),
  demo: z
    .object({
      accountId: z.string(),
      appId: z.string(),
      peers: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })),
    })
    .nullable()
    .optional(),
});

export type AppConfig = z.infer<typeof appConfigSchema>;
