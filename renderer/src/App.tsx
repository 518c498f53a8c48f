import { useEffect, useState } from 'react';
import type { CourseSummary } from '../../main/contract/types';
import { call, errorMessage } from './ipc';

export function App() {
  const [courses, setCourses] = useState<CourseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('courses.list', {}).then(setCourses, (e: unknown) => setError(errorMessage(e)));
  }, []);
  return (
    <main>
      <h1>Lectern</h1>
      {error && <p role="alert">{error}</p>}
      {courses && <p>{courses.length} courses</p>}
    </main>
  );
}
