/**
 * Moving a row re-renders it elsewhere (and into another section's list it is a new element), which
 * drops keyboard focus. Rows carry `data-focus-scope`; controls carry `data-testid`. After the move
 * the same control in the same row gets focus back, so Alt+Arrow can be pressed repeatedly.
 */
export function keepFocus(work: () => unknown): void {
  const active = document.activeElement;
  const scope = active instanceof HTMLElement ? active.closest<HTMLElement>('[data-focus-scope]')?.dataset.focusScope : undefined;
  const control = active instanceof HTMLElement ? active.dataset.testid : undefined;
  work();
  if (!scope || !control) return;
  const restore = () => {
    const row = document.querySelector<HTMLElement>(`[data-focus-scope="${CSS.escape(scope)}"]`);
    let target = row?.querySelector<HTMLElement>(`[data-testid="${CSS.escape(control)}"]`);
    // "Move up" is disabled once the row reaches the top; its drag handle is the next best place.
    if (target instanceof HTMLButtonElement && target.disabled) target = row?.querySelector<HTMLElement>('[data-testid$="-handle"]');
    if (target && document.activeElement !== target) target.focus();
  };
  requestAnimationFrame(() => requestAnimationFrame(restore));
}

/**
 * Deleting a row with its own button would leave focus on nothing (the page body), so a keyboard user
 * would start over from the top. Focus goes to the same button in the next row, else the previous row,
 * else `fallback` (the "new … title" field).
 */
export function focusAfterRemoval(button: HTMLElement, fallback: () => HTMLElement | null | undefined): () => void {
  const item = button.closest('li');
  const control = button.dataset.testid;
  const pick = (el: Element | null | undefined) => (control ? el?.querySelector<HTMLElement>(`[data-testid="${CSS.escape(control)}"]`) : null);
  const target = pick(item?.nextElementSibling) ?? pick(item?.previousElementSibling) ?? fallback();
  return () => {
    if (target?.isConnected) target.focus();
  };
}
