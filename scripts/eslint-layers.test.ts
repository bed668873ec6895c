// The layers hold because lint fails on an import across them: each case lints a few lines
// as if they were a file at that path, with the project's own ESLint configuration.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

const layerRule = 'import-x/no-restricted-paths';

describe('lint keeps the layers', { timeout: 60_000 }, () => {
  it.each([
    ['src/lib/layer-probe.ts', "import type { PeerReport } from '../report/model.ts';\nexport type X = PeerReport;\n"],
    ['src/api/layer-probe.ts', "import { ReportDashboard } from '../features/report/report-dashboard.tsx';\nexport const x = ReportDashboard;\n"],
    ['src/report/layer-probe.ts', "import { Card } from '../components/card.tsx';\nexport const x = Card;\n"],
    ['src/report/layer-probe.ts', "import { diagnose } from './diagnosis/diagnose.ts';\nexport const x = diagnose;\n"],
    ['src/features/report/layer-probe.ts', "import { sustainedRuns } from '../../report/diagnosis/sustained.ts';\nexport const x = sustainedRuns;\n"],
    ['src/features/report/layer-probe.ts', "import { App } from '../../app.tsx';\nexport const x = App;\n"],
    ['src/components/layer-probe.ts', "import { usePageUrl } from '../hooks/use-page-url.ts';\nimport { ReportSection } from '../features/report/report-section.tsx';\nexport const x = [usePageUrl, ReportSection];\n"],
    ['server/proxy/layer-probe.ts', "import { normalizePeerReport } from '../../src/report/normalize-peer-report.ts';\nexport const x = normalizePeerReport;\n"],
    ['worker/layer-probe.ts', "import { fetchPeerReport } from '../src/api/client.ts';\nexport const x = fetchPeerReport;\n"],
    ['src/features/report/layer-probe.ts', "import { DEMO_PEERS } from '../../../server/demo/catalog.ts';\nexport const x = DEMO_PEERS;\n"],
  ])('refuses %s importing across a layer', async (filePath, code) => {
    expect((await problems(filePath, code)).filter((text) => text.startsWith(layerRule))).not.toEqual([]);
  });

  it.each([
    ['src/report/layer-probe.ts', "import { isRecord } from '../lib/json-value.ts';\nexport const x = isRecord;\n"],
    ['src/features/report/layer-probe.ts', "import { diagnose } from '../../report/diagnosis/diagnose.ts';\nexport const x = diagnose;\n"],
    ['server/proxy/layer-probe.ts', "import { isUuid } from '../../src/lib/ids.ts';\nexport const x = isUuid;\n"],
    ['src/report/layer-probe.test.ts', "import { diagnose } from './diagnosis/diagnose.ts';\nimport { DEMO_PEERS } from '../../server/demo/catalog.ts';\nexport const x = [diagnose, DEMO_PEERS];\n"],
  ])('lets %s import downwards', async (filePath, code) => {
    expect(await problems(filePath, code)).toEqual([]);
  });

  it('refuses an import cycle', async () => {
    // lookup.ts imports ids.ts: ids.ts importing lookup.ts back closes a cycle.
    const code = "import { validateLookup } from './lookup.ts';\nexport const x = validateLookup;\n";
    expect((await problems('src/lib/ids.ts', code)).some((text) => text.startsWith('import-x/no-cycle'))).toBe(true);
  });
});
