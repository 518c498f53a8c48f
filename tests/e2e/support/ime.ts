import type { CDPSession, Page } from '@playwright/test';

/**
 * A Korean IME driven through the DevTools protocol: each syllable is built up as a composition the way
 * a 2-set (두벌식) IME shows it — initial consonant, consonant+vowel, then with its final — including the
 * tentative final a following consonant first lands in (typing 여 then ㄹ shows 열 until ㅓ moves the ㄹ
 * on to 러). Then the syllable is committed. Those tentative syllables are exactly what must never be
 * saved or submitted.
 */

const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const FINALS = ['', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
const BASE = 0xac00;

const isSyllable = (ch: string | undefined) => ch !== undefined && ch.charCodeAt(0) >= BASE && ch.charCodeAt(0) <= 0xd7a3;

function decompose(ch: string): { l: number; v: number; t: number } {
  const code = ch.charCodeAt(0) - BASE;
  return { l: Math.floor(code / 588), v: Math.floor((code % 588) / 28), t: code % 28 };
}

const syllable = (l: number, v: number, t: number) => String.fromCharCode(BASE + l * 588 + v * 28 + t);

/** The compositions an IME shows while `ch` is typed, given the syllable after it. */
export function compositionSteps(ch: string, next: string | undefined): string[] {
  const { l, v, t } = decompose(ch);
  const steps = [INITIALS[l]!, syllable(l, v, 0)];
  if (t !== 0) steps.push(syllable(l, v, t));
  else if (isSyllable(next)) {
    const tentative = FINALS.indexOf(INITIALS[decompose(next!).l]!);
    if (tentative > 0) steps.push(syllable(l, v, tentative));
  }
  return steps;
}

/** Every text a field may hold between syllables while `text` is typed: its prefixes at commit points. */
export function committedPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= text.length; i++) out.add(text.slice(0, i));
  return out;
}

export interface KoreanIme {
  cdp: CDPSession;
  /** Types `text`: Hangul through compositions, anything else as committed text. */
  type(text: string, opts?: { holdMs?: number; beforeLastCommit?: () => Promise<void> }): Promise<void>;
  /** Shows `partial` as the open composition (what the IME displays before the syllable is done). */
  setComposition(partial: string): Promise<void>;
  commit(text: string): Promise<void>;
  /**
   * A key the IME consumes, as Chromium reports it: keyCode 229 with the real key name (macOS), no
   * character. `key` is e.g. 'Enter' or 'Escape'.
   */
  imeKey(key: string): Promise<void>;
}

export async function koreanIme(page: Page): Promise<KoreanIme> {
  const cdp = await page.context().newCDPSession(page);
  const setComposition = async (partial: string) => {
    await cdp.send('Input.imeSetComposition', { text: partial, selectionStart: partial.length, selectionEnd: partial.length });
  };
  const commit = async (text: string) => {
    await cdp.send('Input.insertText', { text });
  };
  const imeKey = async (key: string) => {
    for (const type of ['rawKeyDown', 'keyUp'] as const) await cdp.send('Input.dispatchKeyEvent', { type, key, code: key, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  };
  return {
    cdp,
    setComposition,
    commit,
    imeKey,
    async type(text, opts = {}) {
      const chars = [...text];
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i]!;
        if (!isSyllable(ch)) {
          await commit(ch);
          continue;
        }
        const steps = compositionSteps(ch, chars[i + 1]);
        for (const [j, step] of steps.entries()) {
          await setComposition(step);
          // Hold one composition in the middle of the text longer than the autosave's longest wait.
          if (opts.holdMs && i === Math.floor(chars.length / 2) && j === steps.length - 1) await page.waitForTimeout(opts.holdMs);
        }
        if (i === chars.length - 1 && opts.beforeLastCommit) await opts.beforeLastCommit();
        await commit(ch);
      }
    },
  };
}

/** Records every IPC request the page sends (the test host's transport is a WebSocket). */
export async function recordIpc(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sent: unknown[] = [];
    (window as unknown as { __ipcSent: unknown[] }).__ipcSent = sent;
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      if (typeof data === 'string') {
        try {
          sent.push(JSON.parse(data));
        } catch {
          // Not an IPC message.
        }
      }
      return send.call(this, data);
    };
  });
}

export interface SentRequest {
  channel: string;
  input: unknown;
}

export async function sentRequests(page: Page): Promise<SentRequest[]> {
  const all = await page.evaluate(() => (window as unknown as { __ipcSent: { type?: string; channel?: string; input?: unknown }[] }).__ipcSent);
  return all.filter((m) => m.type === 'invoke').map((m) => ({ channel: m.channel!, input: m.input }));
}

/** Every string inside a request's input that contains Hangul (jamo or syllables). */
export function hangulStrings(value: unknown): string[] {
  if (typeof value === 'string') return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(hangulStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(hangulStrings);
  return [];
}
