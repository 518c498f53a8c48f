import { Notices } from '../ui/Notices';

/** The student's library: catalog, downloads and the offline player (issue #5 fills this in). */
export function LibraryArea() {
  return (
    <main className="workspace" aria-label="Library">
      <Notices />
      <h1>Library</h1>
      <p className="loading">Published courses and your downloads will appear here.</p>
    </main>
  );
}
