import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { demoPeerByKey } from '../../../server/demo/catalog.ts';
import { scenarioBody, scenarioData } from '../../../server/demo/scenarios.ts';
import { MAX_REPORT_FILE_BYTES } from '../../report/report-file.ts';
import { OpenReportFile, useReportDrop, type OpenedReportFile } from './open-report-file.tsx';

const GOOD = JSON.stringify(scenarioBody('good-call'));

function jsonFile(text: string, name: string): File {
  return new File([text], name, { type: 'application/json' });
}

function fileInput(): HTMLInputElement {
  return screen.getByLabelText('Saved report file (JSON)');
}

function dropOn(target: Element | Window, files: File[]) {
  fireEvent.drop(target, { dataTransfer: { files, types: ['Files'] } });
}

describe('OpenReportFile', () => {
  it('opens a saved envelope and hands over its data, the file itself and its size', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn<(file: OpenedReportFile) => void>();
    render(<OpenReportFile onOpen={onOpen} />);
    const file = jsonFile(GOOD, 'peer-report.json');
    await user.upload(fileInput(), file);
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    const opened = onOpen.mock.calls[0]?.[0];
    expect(opened?.fileName).toBe('peer-report.json');
    expect(opened?.data).toEqual(scenarioData('good-call'));
    expect(opened?.body).toBe(file);
    expect(opened?.bytes).toBe(file.size);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('opens bare data too', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn<(file: OpenedReportFile) => void>();
    render(<OpenReportFile onOpen={onOpen} />);
    await user.upload(fileInput(), jsonFile(JSON.stringify(scenarioData('legacy-shape')), 'legacy.json'));
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(onOpen.mock.calls[0]?.[0].data).toEqual(scenarioData('legacy-shape'));
  });

  it('the button opens the file chooser', async () => {
    const user = userEvent.setup();
    render(<OpenReportFile onOpen={vi.fn()} />);
    const click = vi.spyOn(fileInput(), 'click');
    await user.click(screen.getByRole('button', { name: 'Open a saved report…' }));
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('says why a file is not a peer report, and does not open it', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<OpenReportFile onOpen={onOpen} />);
    await user.upload(fileInput(), jsonFile('{"sessions": []}', 'sessions.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent('“sessions.json” is JSON, but not a RealtimeKit peer report: it has no participant.');
    await user.upload(fileInput(), jsonFile('not json at all', 'notes.json'));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/“notes.json” is not valid JSON/));
    await user.upload(fileInput(), jsonFile('{"success": false, "error": {"code": 404, "message": "No user found"}}', 'error.json'));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('No user found'));
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('clears the message once a good file is opened', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<OpenReportFile onOpen={onOpen} />);
    await user.upload(fileInput(), jsonFile('[]', 'bad.json'));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await user.upload(fileInput(), jsonFile(GOOD, 'good.json'));
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a file over the size limit without reading it', async () => {
    const onOpen = vi.fn();
    render(<OpenReportFile onOpen={onOpen} />);
    const big = jsonFile('{}', 'huge.json');
    Object.defineProperty(big, 'size', { value: MAX_REPORT_FILE_BYTES + 1 });
    const text = vi.spyOn(big, 'text');
    dropOn(screen.getByTestId('report-drop-zone'), [big]);
    expect(await screen.findByRole('alert')).toHaveTextContent('“huge.json” is 100.0 MB; Peerscope opens reports up to 100.0 MB.');
    expect(text).not.toHaveBeenCalled();
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('opens a file dropped on the drop zone', async () => {
    const onOpen = vi.fn<(file: OpenedReportFile) => void>();
    render(<OpenReportFile onOpen={onOpen} />);
    dropOn(screen.getByTestId('report-drop-zone'), [jsonFile(GOOD, 'dropped.json')]);
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(onOpen.mock.calls[0]?.[0].fileName).toBe('dropped.json');
  });

  it('asks for one file at a time', async () => {
    const onOpen = vi.fn();
    render(<OpenReportFile onOpen={onOpen} />);
    dropOn(screen.getByTestId('report-drop-zone'), [jsonFile(GOOD, 'a.json'), jsonFile(GOOD, 'b.json')]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Drop one report file at a time.');
    expect(onOpen).not.toHaveBeenCalled();
  });
});

describe('useReportDrop', () => {
  it('takes a file dropped anywhere on the page', async () => {
    const onOpen = vi.fn<(file: OpenedReportFile) => void>();
    const { result } = renderHook(() => useReportDrop(onOpen));
    act(() => {
      fireEvent.dragEnter(window, { dataTransfer: { files: [], types: ['Files'] } });
    });
    expect(result.current.dragging).toBe(true);
    act(() => {
      dropOn(window, [jsonFile(GOOD, 'anywhere.json')]);
    });
    expect(result.current.dragging).toBe(false);
    await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1));
    expect(onOpen.mock.calls[0]?.[0].data['participant']).toMatchObject({ id: demoPeerByKey('good-call').id });
  });

  it('reports a dropped file that is not a report', async () => {
    const onOpen = vi.fn();
    const { result } = renderHook(() => useReportDrop(onOpen));
    act(() => {
      dropOn(window, [jsonFile('{"hello": "world"}', 'hello.json')]);
    });
    await waitFor(() => expect(result.current.error).toMatch(/“hello.json” is JSON, but not a RealtimeKit peer report/));
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('leaves drags that carry no files to the browser', () => {
    const onOpen = vi.fn();
    const { result } = renderHook(() => useReportDrop(onOpen));
    const event = new Event('dragover', { cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { types: ['text/plain'], files: [] } });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(result.current.dragging).toBe(false);
  });

  it('stops listening when unmounted', async () => {
    const onOpen = vi.fn();
    const { unmount } = renderHook(() => useReportDrop(onOpen));
    unmount();
    dropOn(window, [jsonFile(GOOD, 'late.json')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onOpen).not.toHaveBeenCalled();
  });
});
