import { describe, expect, it } from 'vitest';
import { scenarioBody, scenarioData } from '../../server/demo/scenarios.ts';
import { normalizePeerReport } from './normalize-peer-report.ts';
import { MAX_REPORT_FILE_BYTES, readReportFile, reportFileSizeProblem } from './report-file.ts';

function expectError(result: ReturnType<typeof readReportFile>): string {
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.message;
}

describe('readReportFile', () => {
  it('accepts the envelope as received and returns its data', () => {
    const body = scenarioBody('poor-wifi');
    const result = readReportFile(JSON.stringify(body), 'peer-report.json');
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toEqual(body.data);
    expect(result.envelope).toEqual(body);
    expect(normalizePeerReport(result.data).participant.peerId).toBe(normalizePeerReport(body).participant.peerId);
  });

  it.each(['good-call', 'flat-shape', 'legacy-shape'] as const)('accepts bare data in the %s shape', (key) => {
    const data = scenarioData(key);
    const result = readReportFile(JSON.stringify(data, null, 2), `${key}.json`);
    if (!result.ok) throw new Error(result.message);
    expect(result.data).toEqual(data);
    expect(result.envelope).toEqual(data);
  });

  it('tolerates a byte order mark and surrounding whitespace', () => {
    const result = readReportFile(`\uFEFF\n  ${JSON.stringify(scenarioBody('good-call'))}\n`, 'bom.json');
    expect(result.ok).toBe(true);
  });

  it('rejects text that is not JSON, naming the file', () => {
    const message = expectError(readReportFile('{"success": true, "data": {', 'cut-off.json'));
    expect(message).toContain('“cut-off.json”');
    expect(message).toMatch(/not valid JSON/);
  });

  it('says so when the file is an HTML page', () => {
    expect(expectError(readReportFile('<!doctype html><title>502</title>', 'page.html'))).toMatch(/HTML page/);
  });

  it('rejects an empty file', () => {
    expect(expectError(readReportFile('  \n', 'empty.json'))).toBe('“empty.json” is empty.');
  });

  it.each([
    ['{}', /is JSON, but not a RealtimeKit peer report/],
    ['{"sessions": []}', /not a RealtimeKit peer report/],
    ['{"success": true, "data": {"sessions": []}}', /not a RealtimeKit peer report/],
    ['[1, 2]', /is a JSON array, but not/],
    ['"a string"', /is a JSON string, but not/],
    ['null', /is a JSON null, but not/],
    ['42', /is a JSON number, but not/],
  ])('rejects JSON that is not a peer report: %s', (text, pattern) => {
    const message = expectError(readReportFile(text, 'other.json'));
    expect(message).toMatch(pattern);
    expect(message).toContain('“other.json”');
  });

  it('rejects success: false envelopes with the error they carry', () => {
    expect(expectError(readReportFile('{"success": false, "error": {"code": 404, "message": "No user found with id x"}}', 'err.json'))).toBe(
      '“err.json” holds an API error (success: false: No user found with id x), not a peer report.',
    );
    expect(
      expectError(readReportFile('{"success": false, "errors": [{"code": 10000, "message": "Authentication error"}], "result": null}', 'auth.json')),
    ).toMatch(/Authentication error/);
    expect(expectError(readReportFile('{"success": false}', 'bare.json'))).toBe('“bare.json” holds an API error (success: false), not a peer report.');
  });

  it('rejects a success: false envelope even when it carries report-like data', () => {
    const text = JSON.stringify({ ...scenarioBody('good-call'), success: false });
    expect(expectError(readReportFile(text, 'x.json'))).toMatch(/success: false/);
  });

  it('refuses text over the size limit before parsing it', () => {
    const huge = { length: MAX_REPORT_FILE_BYTES + 1, charCodeAt: () => 0x7b } as unknown as string;
    expect(expectError(readReportFile(huge, 'huge.json'))).toMatch(/“huge.json” is 100\.0 MB; Peerscope opens reports up to 100\.0 MB\./);
  });

  it('checks a file size before reading', () => {
    expect(reportFileSizeProblem(MAX_REPORT_FILE_BYTES, 'ok.json')).toBeNull();
    expect(reportFileSizeProblem(250 * 1024 * 1024, 'big.json')).toBe('“big.json” is 250.0 MB; Peerscope opens reports up to 100.0 MB.');
  });

  it('names an unnamed file sensibly', () => {
    expect(expectError(readReportFile('nope', ''))).toMatch(/^“the file” is not valid JSON/);
  });
});
