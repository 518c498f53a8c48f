import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

/** The fuses are build-time switches; an edit to electron-builder.yml must not drop one silently. */
describe('electron-builder.yml fuses', () => {
  const config = yaml.load(fs.readFileSync(path.resolve(import.meta.dirname, '../../../electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };

  it('keeps every security fuse set as the security model describes', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
