/** Display helpers for the library: sizes, durations and times as a student reads them. */

export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.ceil(n / 1024))} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatDuration(sec: number | null): string {
  if (sec === null) return '—';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}

export function formatWhen(ms: number): string {
  return new Date(ms).toLocaleString();
}

export const percent = (done: number, total: number) => (total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100)));
