import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';

// DOMPurify needs a real DOM, so the renderer's sanitizer runs in Chromium, exactly as it does in the app.
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, '../../../renderer/src/rich-text/author-html.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'authorHtml',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage();
  await page.setContent('<!doctype html><body></body>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
}, 60_000);
afterAll(() => browser?.close());

const toHtml = (value: string) => page.evaluate((v) => (globalThis as unknown as { authorHtml: { authorTextToHtml(s: string): string } }).authorHtml.authorTextToHtml(v), value);

describe('author text sanitizing (DOMPurify in Chromium)', () => {
  it.each([
    ['script elements', '<p>Hi</p><script>window.pwned = 1</script>', '<p>Hi</p>'],
    ['event handlers and images', '<p onclick="alert(1)">Hi<img src=x onerror="window.pwned=1"></p>', '<p>Hi</p>'],
    ['javascript: links (kept as text)', '<p><a href="javascript:alert(1)">click</a></p>', '<p><a target="_blank" rel="noopener noreferrer nofollow">click</a></p>'],
    ['iframes, forms and styles', '<p>a</p><iframe src="https://evil"></iframe><form><input></form><style>*{}</style>', '<p>a</p>'],
    ['svg with script', '<p>a</p><svg><script>1</script></svg>', '<p>a</p>'],
    ['attributes the editor never writes', '<p style="color:red" class="x" data-x="1">a</p>', '<p>a</p>'],
  ])('removes %s', async (_what, input, expected) => {
    expect(await toHtml(input)).toBe(expected);
  });

  it('keeps the editor vocabulary and opens https links outside the app', async () => {
    const html = '<h2>Plan</h2><p><strong>Bold</strong>, <em>italic</em>, <a href="https://example.com/a?b=1">link</a></p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>q</p></blockquote>';
    expect(await toHtml(html)).toBe(
      '<h2>Plan</h2><p><strong>Bold</strong>, <em>italic</em>, <a href="https://example.com/a?b=1" target="_blank" rel="noopener noreferrer nofollow">link</a></p><ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>q</p></blockquote>',
    );
  });

  it('turns plain text from older drafts and the CLI into escaped paragraphs', async () => {
    expect(await toHtml('First line\nsecond <b>not bold</b> & more\n\nNext paragraph')).toBe(
      '<p>First line<br>second &lt;b&gt;not bold&lt;/b&gt; &amp; more</p><p>Next paragraph</p>',
    );
    expect(await toHtml('   ')).toBe('');
  });

  it('treats text that merely starts with "<" as text', async () => {
    expect(await toHtml('<3 this course')).toBe('<p>&lt;3 this course</p>');
  });
});
