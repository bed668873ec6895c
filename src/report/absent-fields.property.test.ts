// Every field of the published schema is optional (src/report/test-support/absent-fields.ts),
// so any subset of them may be absent from a real answer. Property: with any subset absent,
// normalizing, every diagnosis rule and the verdict throw nothing and lose nothing to a
// caught throw. (That the page then says what is missing, panel by panel, is
// src/features/details/absent-fields.property.test.tsx.)
//
// The field paths are those of full demo answers, which server/demo/sdk-schema.test.ts
// holds key by key to the SDK's schema: each path here is a field the schema defines.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_SCENARIO_KEYS, isCurrentShape, scenarioAnswer } from '../../server/demo/scenarios.ts';
import { DiagnosisContext } from './diagnosis/context.ts';
import { DIAGNOSIS_RULES, diagnose } from './diagnosis/diagnose.ts';
import { verdictOf } from './diagnosis/verdict.ts';
import { normalizePeerReport } from './normalize-peer-report.ts';
import { fieldPaths, without } from './test-support/absent-fields.ts';

const SEED = 20_261_203;

const ANSWERS = REPORT_SCENARIO_KEYS.filter(isCurrentShape).map((key) => ({ key, answer: scenarioAnswer(key) }));
const ALL_PATHS = [...ANSWERS.reduce((paths, { answer }) => fieldPaths(answer, '', paths), new Set<string>())].sort();

const SWALLOWED_THROW = /^could not be read: /;

describe('any subset of the optional fields absent', () => {
  it('the schema gives the property something to remove: the whole tree, from data down to the samples', () => {
    expect(ALL_PATHS).toEqual(
      expect.arrayContaining([
        'data',
        'data.participant.peer_report.metadata.device_info.os',
        'data.participant.peer_report.metadata.candidate_pairs.producing_transport[].nominated',
        'data.participant.peer_report.quality.audio_producer[].rtt',
        'data.participant.peer_report.quality.audio_consumer[].jitter_buffer_delay',
        'data.participant.peer_events[].event_name',
      ]),
    );
    expect(ALL_PATHS.length).toBeGreaterThan(150);
  });

  it('normalize, every diagnosis rule and the verdict throw nothing, and nothing is lost to a caught throw', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...ANSWERS), fc.subarray(ALL_PATHS), ({ answer }, absent) => {
        const stripped = without(answer, absent);
        const report = normalizePeerReport(stripped);
        expect(report.warnings.filter((w) => SWALLOWED_THROW.test(w.message)).map((w) => `${w.path}: ${w.message}`)).toEqual([]);
        const context = new DiagnosisContext(report);
        for (const rule of DIAGNOSIS_RULES) {
          try {
            rule.run(context);
          } catch (error) {
            throw new Error(`rule ${rule.id} threw with ${absent.length} fields absent: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
        }
        // The stages as the page runs them, the verdict included.
        verdictOf(report, diagnose(report));
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});
