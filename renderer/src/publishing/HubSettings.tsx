import { useState } from 'react';
import type { Hub, HubConnectionReport } from '../../../main/contract/domains/publishing-types';
import { storedHubError } from '../errors/error-text';
import { call } from '../ipc';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useNotices } from '../state/notices-store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { HubForm } from './HubForm';
import { ShareWithStudents } from './ShareWithStudents';
import { refreshHubs, usePublishing } from './publishing-store';
import { CHECK_NAME_KEY, CHECK_OUTCOME_KEY, CHECKS, checkOutcome } from './run-text';
import { Rich } from '../i18n/Rich';
import { useT } from '../i18n/use-t';

/** Every distinct probe failure once (three probes refused for one reason repeat one text), for Details. */
function reportDetails(report: HubConnectionReport): string {
  const failed = CHECKS.filter((c) => checkOutcome(report[c]) === 'failed').map((c) => `${c}: ${report[c]}`);
  // The service's own sentence repeats the probe's text; it is only needed when no probe says why.
  return failed.length ? failed.join('\n') : (report.problem ?? '');
}

function ConnectionResult({ hub, report, creating, onCreateBucket }: { hub: Hub; report: HubConnectionReport; creating: boolean; onCreateBucket(): Promise<void> }) {
  const edit = usePublishing((s) => s.edit);
  const t = useT();
  return (
    <div className={`connection-report ${report.ok ? 'is-ok' : 'is-failed'}`} role="status" data-testid="connection-report">
      <ul className="connection-checks">
        {CHECKS.map((c) => (
          <li key={c} data-testid={`check-${c}`} data-result={report[c] === 'ok' ? 'ok' : 'failed'}>
            <span className="connection-check-name">{t(CHECK_NAME_KEY[c])}</span> <span className="connection-check-result">{t(CHECK_OUTCOME_KEY[checkOutcome(report[c])])}</span>
          </li>
        ))}
      </ul>
      {report.ok ? (
        <p className="connection-summary" data-testid="connection-summary">
          {t('hubs.connection.allPassed')}
        </p>
      ) : (
        <ErrorNotice
          className="connection-summary"
          error={storedHubError(reportDetails(report), report.reason)}
          context={{ hub: hub.name, bucket: hub.bucket }}
          data-testid="connection-summary"
          action={
            report.reason === 'credentials-expired' || report.reason === 'credentials-invalid' ? (
              <button type="button" className="button button-primary" onClick={() => edit(hub.id)}>
                {t('hubs.updateKey')}
              </button>
            ) : undefined
          }
        />
      )}
      {report.reason === 'bucket-missing' && (
        <button type="button" className="button button-primary" disabled={creating} onClick={() => void onCreateBucket()} data-testid="hub-create-bucket">
          {creating ? t('hubs.creatingBucket') : t('hubs.createBucket', { bucket: hub.bucket })}
        </button>
      )}
    </div>
  );
}

function HubCard({ hub }: { hub: Hub }) {
  const edit = usePublishing((s) => s.edit);
  const [report, setReport] = useState<HubConnectionReport | null>(null);
  const [testing, setTesting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const expired = hub.sessionExpiresAt !== null && hub.sessionExpiresAt <= Date.now();
  const t = useT();

  async function test() {
    setTesting(true);
    setReport(null);
    try {
      setReport(await call('hubs.test', { hubId: hub.id }));
    } catch (err) {
      useNotices.getState().pushError(t('hubs.testFailed', { name: hub.name }), err, { context: { hub: hub.name } });
    } finally {
      setTesting(false);
    }
  }

  async function createBucket() {
    setCreating(true);
    try {
      await call('hubs.createBucket', { hubId: hub.id });
      await test();
    } catch (err) {
      useNotices.getState().pushError(t('hubs.createBucketFailed', { bucket: hub.bucket }), err, { context: { hub: hub.name, bucket: hub.bucket } });
    } finally {
      setCreating(false);
    }
  }

  async function remove() {
    setConfirming(false);
    try {
      await call('hubs.delete', { hubId: hub.id });
      await refreshHubs();
    } catch (err) {
      useNotices.getState().pushError(t('hubs.removeFailed', { name: hub.name }), err);
    }
  }

  return (
    <li className="hub-card" data-testid="hub-card" data-hub-id={hub.id}>
      <div className="hub-card-head">
        <div>
          <h3 className="hub-name" dir="auto">
            {hub.name}
          </h3>
          <p className="hub-where">
            <Rich id="hubs.where" values={{ endpoint: hub.endpoint, bucket: hub.bucket, code: (chunks) => <code>{chunks}</code> }} />
            {hub.keyPrefix && (
              <>
                {' '}
                <Rich id="hubs.wherePrefix" values={{ prefix: hub.keyPrefix, code: (chunks) => <code>{chunks}</code> }} />
              </>
            )}
          </p>
          {expired && (
            <p className="hub-expired" role="alert">
              {t('hubs.credentialsExpired')}
            </p>
          )}
        </div>
        <div className="hub-card-actions">
          <button type="button" className="button" onClick={() => void test()} disabled={testing} data-testid="hub-test">
            {testing ? t('hubs.testing') : t('hubs.test')}
          </button>
          <button type="button" className="button" onClick={() => edit(hub.id)} data-testid="hub-edit">
            {t('hubs.edit')}
          </button>
          <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)} data-testid="hub-delete">
            {t('hubs.remove')}
          </button>
        </div>
      </div>
      {report && <ConnectionResult hub={hub} report={report} creating={creating} onCreateBucket={createBucket} />}
      <ShareWithStudents hub={hub} />
      <ConfirmDialog open={confirming} title={t('hubs.removeConfirmTitle')} confirmLabel={t('hubs.removeConfirm')} onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
        <p>
          <Rich id="hubs.removeConfirmBody" values={{ name: hub.name, b: (chunks) => <strong dir="auto">{chunks}</strong> }} />
        </p>
      </ConfirmDialog>
    </li>
  );
}

/** Hub profiles: add, edit, remove and test; the form opens in place of the list entry. */
export function HubSettings() {
  const hubs = usePublishing((s) => s.hubs);
  const editing = usePublishing((s) => s.edit);
  const target = usePublishing((s) => s.editing);
  const t = useT();

  return (
    <section className="publishing-section" aria-labelledby="hubs-heading">
      <div className="publishing-section-head">
        <h2 id="hubs-heading">{t('hubs.heading')}</h2>
        {target === null && (
          <button type="button" className="button" onClick={() => editing('new')} data-testid="add-hub">
            {t('hubs.add')}
          </button>
        )}
      </div>
      {target === 'new' && <HubForm />}
      {hubs === null ? (
        <p className="loading">{t('hubs.loading')}</p>
      ) : hubs.length === 0 ? (
        target !== 'new' && (
          <div className="publishing-empty" data-testid="hubs-empty">
            <p>{t('hubs.empty')}</p>
            <button type="button" className="button button-primary" onClick={() => editing('new')}>
              {t('hubs.addFirst')}
            </button>
          </div>
        )
      ) : (
        <ul className="hub-list">
          {hubs.map((h) => (target === h.id ? <li key={h.id}><HubForm hub={h} /></li> : <HubCard key={h.id} hub={h} />))}
        </ul>
      )}
    </section>
  );
}
