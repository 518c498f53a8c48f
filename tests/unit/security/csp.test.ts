import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from '../../../main/security/content-security-policy';
import { createAppHandler, DOCUMENT_HEADERS } from '../../../main/services/app-server/app-handler';
import { tempDir } from '../../helpers/tmp';

const root = path.resolve(import.meta.dirname, '../../..');
const builtIndex = path.join(root, 'out/renderer/index.html');

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe.each([
  ['header', CONTENT_SECURITY_POLICY],
  ['meta', CONTENT_SECURITY_POLICY_META],
])('the %s policy', (_variant, policy) => {
  const d = directives(policy);

  it("starts from default-src 'none'", () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
  });

  it('never allows inline or eval-ed code, or hashes/nonces that would hint at it', () => {
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic|'nonce-|'sha(256|384|512)-/);
  });

  it('loads scripts and styles from its own origin only', () => {
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
  });

  it('allows no plugins, frames, form posts or <base> rewrites', () => {
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-src')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
  });

  it('names no remote host and no wildcard: everything comes from the app origin', () => {
    for (const [name, values] of d) {
      for (const v of values) expect(v, `${name} ${v}`).toMatch(/^('self'|'none'|data:|blob:)$/);
    }
  });

  it('has each directive once', () => {
    const names = policy.split(';').map((p) => p.trim().split(/\s+/)[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('frame-ancestors', () => {
  it("is 'none' in the header, the only place browsers honour it", () => {
    expect(directives(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is left out of the meta tag, where it would be ignored with a console warning', () => {
    expect(directives(CONTENT_SECURITY_POLICY_META).has('frame-ancestors')).toBe(false);
  });

  it('is the only difference between header and meta', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(header).toEqual(directives(CONTENT_SECURITY_POLICY_META));
  });
});

describe('the CSP on the wire', () => {
  it('is sent as a header with every file the app origin serves', async () => {
    const tmp = tempDir();
    try {
      fs.writeFileSync(path.join(tmp.dir, 'index.html'), '<!doctype html><title>x</title>');
      fs.writeFileSync(path.join(tmp.dir, 'app.js'), 'console.log(1)');
      const handler = createAppHandler({ rendererDir: tmp.dir });
      for (const p of ['/index.html', '/app.js', '/']) {
        const res = await handler(new Request(`lectern://app${p}`));
        expect(res.status, p).toBe(200);
        expect(res.headers.get('content-security-policy'), p).toBe(CONTENT_SECURITY_POLICY);
        await res.body?.cancel();
      }
      expect(DOCUMENT_HEADERS['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    } finally {
      tmp.cleanup();
    }
  });

  it('is embedded in the built out/renderer/index.html exactly as CONTENT_SECURITY_POLICY_META', (ctx) => {
    if (!fs.existsSync(builtIndex)) {
      console.log(`SKIPPED: ${path.relative(root, builtIndex)} is not built; run npm run build to check the embedded CSP meta tag`);
      ctx.skip();
      return;
    }
    const html = fs.readFileSync(builtIndex, 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]!.replaceAll('&#39;', "'").replaceAll('&apos;', "'"));
    expect(metas).toEqual([CONTENT_SECURITY_POLICY_META]);
    // The meta must come before any script, or the scripts before it run unrestricted.
    expect(html.search(/http-equiv="Content-Security-Policy"/i)).toBeLessThan(html.search(/<script/i));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  });
});
