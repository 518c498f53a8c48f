import { Notices } from '../ui/Notices';

/** Hubs, the upload queue and publishing (issue #4 fills this in). */
export function PublishingArea() {
  return (
    <main className="workspace" aria-label="Publishing">
      <Notices />
      <h1>Publishing</h1>
      <p className="loading">Hub settings and the upload queue will appear here.</p>
    </main>
  );
}
