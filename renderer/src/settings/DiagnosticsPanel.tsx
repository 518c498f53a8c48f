import { useState } from 'react';
import type { DiagnosticsExport } from '../../../main/contract/types';
import { translate } from '../i18n/format';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';

type ExportState = { phase: 'idle' } | { phase: 'exporting' } | { phase: 'saved'; result: DiagnosticsExport & { path: string } } | { phase: 'failed'; error: unknown };

/** "Export diagnostics…": a folder to attach to a support request; secrets are removed before anything is written. */
export function DiagnosticsPanel() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });

  const exportNow = () => {
    setState({ phase: 'exporting' });
    call('diagnostics.export', {}).then(
      (result) => setState(result.path === null ? { phase: 'idle' } : { phase: 'saved', result: { ...result, path: result.path } }),
      (err: unknown) => setState({ phase: 'failed', error: err }),
    );
  };

  return (
    <section className="diagnostics" aria-labelledby="diagnostics-title" data-testid="diagnostics">
      <h2 id="diagnostics-title">Diagnostics</h2>
      <p className="field-hint">
        A folder with versions, the media tools report, free disk space, the upload, download and media queues, the recent log and any crash reports. Keys, tokens and
        signed links are removed, so you can send it with a support request.
      </p>
      <div>
        <button type="button" className="button" disabled={state.phase === 'exporting'} onClick={exportNow} data-testid="diagnostics-export">
          {state.phase === 'exporting' ? 'Exporting…' : 'Export diagnostics…'}
        </button>
      </div>
      {state.phase === 'exporting' && (
        <p role="status" data-testid="diagnostics-status">
          Collecting diagnostics; checking the media tools can take a few seconds…
        </p>
      )}
      {state.phase === 'saved' && (
        <div role="status" data-testid="diagnostics-status">
          <p>
            Saved to <code data-testid="diagnostics-path">{state.result.path}</code>
          </p>
          {state.result.problems.length > 0 && (
            <ul className="diagnostics-problems">
              {state.result.problems.map((p, i) => (
                <li key={p}>Not included: {state.result?.problemTexts?.[i] ? translate(state.result.problemTexts[i].key, state.result.problemTexts[i].values) : p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state.phase === 'failed' && (
        <ErrorNotice className="field-error" error={state.error} lead="Couldn't export diagnostics." data-testid="diagnostics-error" />
      )}
    </section>
  );
}
