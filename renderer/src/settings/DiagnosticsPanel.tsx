import { useState } from 'react';
import type { DiagnosticsExport } from '../../../main/contract/types';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';

type ExportState = { phase: 'idle' } | { phase: 'exporting' } | { phase: 'saved'; result: DiagnosticsExport & { path: string } } | { phase: 'failed'; error: unknown };

/** "Export diagnostics…": a folder to attach to a support request; secrets are removed before anything is written. */
export function DiagnosticsPanel() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const t = useT();

  const exportNow = () => {
    setState({ phase: 'exporting' });
    call('diagnostics.export', {}).then(
      (result) => setState(result.path === null ? { phase: 'idle' } : { phase: 'saved', result: { ...result, path: result.path } }),
      (err: unknown) => setState({ phase: 'failed', error: err }),
    );
  };

  return (
    <section className="diagnostics" aria-labelledby="diagnostics-title" data-testid="diagnostics">
      <h2 id="diagnostics-title">{t('diagnostics.heading')}</h2>
      <p className="field-hint">{t('diagnostics.intro')}</p>
      <div>
        <button type="button" className="button" disabled={state.phase === 'exporting'} onClick={exportNow} data-testid="diagnostics-export">
          {state.phase === 'exporting' ? t('diagnostics.exporting') : t('diagnostics.export')}
        </button>
      </div>
      {state.phase === 'exporting' && (
        <p role="status" data-testid="diagnostics-status">
          {t('diagnostics.collecting')}
        </p>
      )}
      {state.phase === 'saved' && (
        <div role="status" data-testid="diagnostics-status">
          <p>
            <Rich id="diagnostics.savedTo" values={{ path: state.result.path, code: (chunks) => <code data-testid="diagnostics-path">{chunks}</code> }} />
          </p>
          {state.result.problems.length > 0 && (
            <ul className="diagnostics-problems">
              {state.result.problems.map((p, i) => (
                <li key={p}>{t('diagnostics.notIncluded', { problem: state.result?.problemTexts?.[i] ? t(state.result.problemTexts[i].key, state.result.problemTexts[i].values) : p })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {state.phase === 'failed' && (
        <ErrorNotice className="field-error" error={state.error} lead={t('diagnostics.exportFailed')} data-testid="diagnostics-error" />
      )}
    </section>
  );
}
