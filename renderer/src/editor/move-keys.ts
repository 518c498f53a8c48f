/** Alt+ArrowUp / Alt+ArrowDown → -1 / +1; textareas keep Alt+Arrow for their own caret movement. */
export function moveDirection(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; key: string; target: EventTarget | null }): -1 | 1 | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  if (e.target instanceof HTMLTextAreaElement) return null;
  return e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : null;
}
