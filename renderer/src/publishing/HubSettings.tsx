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

const CHECKS = ['list', 'write', 'read', 'delete'] as const;

/** Each check says only whether it passed; why is said once, in the summary below. */
function checkResult(result: string): string {
  if (result === 'ok') return '✓ ok';
  return result.startsWith('skipped') ? 'skipped' : '✗ failed';
}

/** Every distinct probe failure once (three probes refused for one reason repeat one text), for Details. */
function reportDetails(report: HubConnectionReport): string {
  const failed = CHECKS.filter((c) => report[c] !== 'ok' && !report[c].startsWith('skipped')).map((c) => `${c}: ${report[c]}`);
  // The service's own sentence repeats the probe's text; it is only needed when no probe says why.
  return failed.length ? failed.join('\n') : (report.problem ?? '');
}

function ConnectionResult({ hub, report, creating, onCreateBucket }: { hub: Hub; report: HubConnectionReport; creating: boolean; onCreateBucket(): Promise<void> }) {
  const edit = usePublishing((s) => s.edit);
  return (
    <div className={`connection-report ${report.ok ? 'is-ok' : 'is-failed'}`} role="status" data-testid="connection-report">
      <ul className="connection-checks">
        {CHECKS.map((c) => (
          <li key={c} data-testid={`check-${c}`} data-result={report[c] === 'ok' ? 'ok' : 'failed'}>
            <span className="connection-check-name">{c}</span> <span className="connection-check-result">{checkResult(report[c])}</span>
          </li>
        ))}
      </ul>
      {report.ok ? (
        <p className="connection-summary" data-testid="connection-summary">
          Lectern can list, write, read and delete on this hub.
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
                Update the key
              </button>
            ) : undefined
          }
        />
      )}
      {report.reason === 'bucket-missing' && (
        <button type="button" className="button button-primary" disabled={creating} onClick={() => void onCreateBucket()} data-testid="hub-create-bucket">
          {creating ? 'Creating…' : `Create bucket “${hub.bucket}”`}
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

  async function test() {
    setTesting(true);
    setReport(null);
    try {
      setReport(await call('hubs.test', { hubId: hub.id }));
    } catch (err) {
      useNotices.getState().pushError(`Couldn't test “${hub.name}”.`, err, { context: { hub: hub.name } });
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
      useNotices.getState().pushError(`Couldn't create bucket “${hub.bucket}”.`, err, { context: { hub: hub.name, bucket: hub.bucket } });
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
      useNotices.getState().pushError(`Couldn't remove “${hub.name}”.`, err);
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
            {hub.endpoint} · bucket <code>{hub.bucket}</code>
            {hub.keyPrefix && (
              <>
                {' '}
                · prefix <code>{hub.keyPrefix}</code>
              </>
            )}
          </p>
          {expired && (
            <p className="hub-expired" role="alert">
              Credentials expired — update the key before publishing.
            </p>
          )}
        </div>
        <div className="hub-card-actions">
          <button type="button" className="button" onClick={() => void test()} disabled={testing} data-testid="hub-test">
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="button" onClick={() => edit(hub.id)} data-testid="hub-edit">
            Edit
          </button>
          <button type="button" className="button button-danger-quiet" onClick={() => setConfirming(true)} data-testid="hub-delete">
            Remove
          </button>
        </div>
      </div>
      {report && <ConnectionResult hub={hub} report={report} creating={creating} onCreateBucket={createBucket} />}
      <ShareWithStudents hub={hub} />
      <ConfirmDialog open={confirming} title="Remove this hub?" confirmLabel="Remove hub" onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
        <p>
          Lectern forgets <strong dir="auto">{hub.name}</strong> and removes its keys from the system keychain. Courses already on the hub stay there.
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

  return (
    <section className="publishing-section" aria-labelledby="hubs-heading">
      <div className="publishing-section-head">
        <h2 id="hubs-heading">Hubs</h2>
        {target === null && (
          <button type="button" className="button" onClick={() => editing('new')} data-testid="add-hub">
            Add hub
          </button>
        )}
      </div>
      {target === 'new' && <HubForm />}
      {hubs === null ? (
        <p className="loading">Loading hubs…</p>
      ) : hubs.length === 0 ? (
        target !== 'new' && (
          <div className="publishing-empty" data-testid="hubs-empty">
            <p>
              A hub is where students download your courses from: an S3 bucket (AWS, MinIO, Swift, Wasabi…) and a folder inside it. Add one with its endpoint,
              bucket and an access key that may list, write, read and delete there.
            </p>
            <button type="button" className="button button-primary" onClick={() => editing('new')}>
              Add your first hub
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
