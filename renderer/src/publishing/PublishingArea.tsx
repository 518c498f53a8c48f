import { useEffect } from 'react';
import { subscribe } from '../ipc';
import { Notices } from '../ui/Notices';
import { CoursesToPublish } from './CoursesToPublish';
import { HubSettings } from './HubSettings';
import { refreshCourses, refreshHubs, refreshRuns, usePublishing } from './publishing-store';
import { UploadQueue } from './UploadQueue';
import { useT } from '../i18n/use-t';
import './publishing.css';

/** Hubs, course drafts with their published versions, and the upload queue. */
export function PublishingArea() {
  const t = useT();
  useEffect(() => {
    void refreshHubs();
    void refreshCourses();
    void refreshRuns();
    const offs = [
      subscribe('publish.run', (run) => {
        usePublishing.getState().putRun(run);
        if (run.state === 'done') void refreshCourses();
      }),
      subscribe('hubs.changed', () => void refreshHubs()),
      subscribe('drafts.changed', () => void refreshCourses()),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  return (
    <main className="workspace publishing" aria-label={t('publishing.title')}>
      <Notices />
      <h1>{t('publishing.title')}</h1>
      <HubSettings />
      <CoursesToPublish />
      <UploadQueue />
    </main>
  );
}
