/**
 * IME safety: Korean (and Japanese, Chinese…) is typed through an input method. While a composition is
 * open, keys belong to the IME: Enter commits the syllable, Escape cancels it, arrows move inside it.
 * The app must not act on those keys too: no submitting half a title, closing a dialog or firing a
 * player shortcut. Every key handler that acts on a key asks `isComposing(e)` first; handlers that get
 * no key event (a form's submit, a dialog's cancel) ask `compositionActive()`.
 */

interface KeyEventLike {
  isComposing?: boolean;
  keyCode?: number;
  /** React's synthetic events carry the DOM event here; `isComposing` is only on the DOM event. */
  nativeEvent?: { isComposing?: boolean; keyCode?: number };
}

/** Chromium and WebKit report keys the IME consumes as keyCode 229 ("Process"), sometimes without isComposing. */
const IME_PROCESS_KEY = 229;

/** True when the key belongs to an open IME composition and the app must leave it alone. */
export function isComposing(e: KeyEventLike): boolean {
  const native = e.nativeEvent ?? e;
  return native.isComposing === true || e.isComposing === true || native.keyCode === IME_PROCESS_KEY || e.keyCode === IME_PROCESS_KEY;
}

/** What the tracker needs of a DOM node (kept structural so the rule is testable without a DOM). */
interface NodeLike {
  readonly isConnected: boolean;
  contains(other: NodeLike | null): boolean;
}

const isNodeLike = (x: unknown): x is NodeLike => typeof x === 'object' && x !== null && 'contains' in x && 'isConnected' in x;

/** The element with an open composition, tracked for the whole document (see startCompositionTracking). */
let composingIn: NodeLike | null = null;
let tracking = false;

interface DocumentLike {
  addEventListener(type: string, listener: (e: Event) => void, capture: boolean): void;
  readonly activeElement: unknown;
}

/**
 * Follows compositionstart/compositionend for the whole document, so code that gets no key event
 * (a form submit, a dialog cancel) can still tell an IME is composing. Called once at startup.
 */
export function startCompositionTracking(doc: DocumentLike = document): void {
  if (tracking) return;
  tracking = true;
  doc.addEventListener('compositionstart', (e) => {
    const where = isNodeLike(e.target) ? e.target : doc.activeElement;
    composingIn = isNodeLike(where) ? where : null;
  }, true);
  doc.addEventListener('compositionend', () => (composingIn = null), true);
  // A field left mid-composition may never send compositionend.
  doc.addEventListener('focusout', (e) => {
    if (composingIn !== null && isNodeLike(e.target) && e.target === composingIn) composingIn = null;
  }, true);
}

/** True while an IME composition is open, anywhere or (with `within`) inside that element. */
export function compositionActive(within?: unknown): boolean {
  if (composingIn === null || !composingIn.isConnected) return false;
  return isNodeLike(within) ? within.contains(composingIn) : true;
}

/**
 * For onSubmit and a <dialog>'s onCancel: when an IME is composing inside the element, cancels the
 * event and returns true, so the handler returns without acting. Enter or Escape was the IME's.
 */
export function refuseWhileComposing(e: { preventDefault(): void; currentTarget: unknown }): boolean {
  if (!compositionActive(e.currentTarget)) return false;
  e.preventDefault();
  return true;
}
