import { describe, expect, it } from 'vitest';
import { compositionActive, isComposing, refuseWhileComposing, startCompositionTracking } from '../../../renderer/src/ui/ime';
import { actionForKey } from '../../../renderer/src/player/shortcuts';

describe('isComposing', () => {
  it('is true for keys an IME owns: isComposing on the DOM or React event, or keyCode 229', () => {
    expect(isComposing({ isComposing: true, keyCode: 13 })).toBe(true);
    expect(isComposing({ keyCode: 229 })).toBe(true);
    expect(isComposing({ nativeEvent: { isComposing: true, keyCode: 13 } })).toBe(true);
    expect(isComposing({ keyCode: 229, nativeEvent: { isComposing: false, keyCode: 229 } })).toBe(true);
  });

  it('is false for ordinary keys', () => {
    expect(isComposing({ isComposing: false, keyCode: 13 })).toBe(false);
    expect(isComposing({ nativeEvent: { isComposing: false, keyCode: 27 } })).toBe(false);
    expect(isComposing({})).toBe(false);
  });
});

/** A stand-in node: contains itself and the nodes listed as its children. */
class FakeNode extends EventTarget {
  isConnected = true;
  constructor(private readonly children: FakeNode[] = []) {
    super();
  }
  contains(other: unknown): boolean {
    return other === this || this.children.some((c) => c.contains(other));
  }
}

describe('composition tracking', () => {
  const field = new FakeNode();
  const form = new FakeNode([field]);
  const elsewhere = new FakeNode();
  const doc = Object.assign(new EventTarget(), { activeElement: null });
  // Events on the stand-in nodes reach the document the way DOM events bubble.
  for (const type of ['compositionstart', 'compositionend', 'focusout']) field.addEventListener(type, (e) => doc.dispatchEvent(new RetargetedEvent(type, e.target)));
  startCompositionTracking(doc);

  it('knows a composition is open, and where, until compositionend', () => {
    expect(compositionActive()).toBe(false);
    field.dispatchEvent(new Event('compositionstart'));
    expect(compositionActive()).toBe(true);
    expect(compositionActive(form)).toBe(true);
    expect(compositionActive(elsewhere)).toBe(false);
    field.dispatchEvent(new Event('compositionend'));
    expect(compositionActive()).toBe(false);
  });

  it('refuses a submit or cancel while the composition is inside the element, and only then', () => {
    let prevented = 0;
    const submit = { currentTarget: form, preventDefault: () => prevented++ };
    expect(refuseWhileComposing(submit)).toBe(false);
    field.dispatchEvent(new Event('compositionstart'));
    expect(refuseWhileComposing(submit)).toBe(true);
    expect(prevented).toBe(1);
    expect(refuseWhileComposing({ currentTarget: elsewhere, preventDefault: () => prevented++ })).toBe(false);
    field.dispatchEvent(new Event('compositionend'));
    expect(refuseWhileComposing(submit)).toBe(false);
  });

  it('forgets a composition whose field lost focus or left the page without compositionend', () => {
    field.dispatchEvent(new Event('compositionstart'));
    field.dispatchEvent(new Event('focusout'));
    expect(compositionActive()).toBe(false);
    field.dispatchEvent(new Event('compositionstart'));
    field.isConnected = false;
    expect(compositionActive()).toBe(false);
    field.isConnected = true;
    field.dispatchEvent(new Event('compositionend'));
  });
});

/** Node's EventTarget sets `target` on dispatch; this keeps the original target for the document's listeners. */
class RetargetedEvent extends Event {
  constructor(type: string, private readonly original: EventTarget | null) {
    super(type);
  }
  override get target(): EventTarget | null {
    return this.original;
  }
}

describe('player shortcuts', () => {
  const key = (k: string, composing: boolean) => ({ key: k, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, isComposing: composing, keyCode: composing ? 229 : 0 });

  it('do not fire for a key the IME is composing with', () => {
    expect(actionForKey(key('k', false))).toEqual({ kind: 'toggle-play' });
    expect(actionForKey(key('k', true))).toBeNull();
    expect(actionForKey(key('ArrowRight', true))).toBeNull();
  });
});
