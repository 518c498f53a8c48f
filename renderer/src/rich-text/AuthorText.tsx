import { useMemo } from 'react';
import { authorTextToHtml } from './author-html';
import './rich-text.css';

/** Shows author text (possibly from an untrusted hub) as sanitized HTML. */
export function AuthorText({ value, className, testId }: { value: string; className?: string; testId?: string }) {
  const html = useMemo(() => authorTextToHtml(value), [value]);
  if (html === '') return null;
  // Sanitized by DOMPurify with the editor's vocabulary just above; this is the only raw-HTML sink.
  return <div className={`author-text ${className ?? ''}`} dir="auto" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
