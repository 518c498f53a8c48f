import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../../main/contract/channels';
import { openDatabase } from '../../../main/services/db/database';
import { AppSettings } from '../../../main/services/settings/app-settings';
import { tempDir } from '../../helpers/tmp';

const tmp = tempDir('lectern-language-');
afterAll(() => tmp.cleanup());

describe('the ui.language app setting', () => {
  it('follows the system until chosen, then remembers the choice across reopening', () => {
    const dir = `${tmp.dir}/a`;
    const db = openDatabase(dir);
    const settings = new AppSettings(db);
    expect(settings.get('ui.language')).toBe('system');
    settings.set('ui.language', 'ko');
    db.close();
    const again = openDatabase(dir);
    expect(new AppSettings(again).get('ui.language')).toBe('ko');
    again.close();
  });

  it('refuses a value that is not a language code, keeping what was saved', () => {
    const db = openDatabase(`${tmp.dir}/b`);
    const settings = new AppSettings(db);
    settings.set('ui.language', 'en');
    expect(() => settings.set('ui.language', 'Korean')).toThrow(/language code/);
    expect(settings.get('ui.language')).toBe('en');
    db.close();
  });

  it('app.language.set accepts "system" and codes, and rejects anything else with a sentence', () => {
    const schema = channels['app.language.set'].input;
    expect(schema.safeParse({ setting: 'system' }).success).toBe(true);
    expect(schema.safeParse({ setting: 'ko' }).success).toBe(true);
    const bad = schema.safeParse({ setting: 'ko-KR; drop' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/language code such as "en" or "ko"/);
  });
});
