import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { LanguageSettingSchema } from '../../contract/schemas';

/** Every app setting: its schema and its default. A new setting is one more entry here (no migration). */
const SETTINGS = {
  'updates.channel': { schema: z.enum(['stable', 'beta']), fallback: 'stable' as 'stable' | 'beta' },
  'updates.autoCheck': { schema: z.boolean(), fallback: true as boolean },
  /** When the last update check finished (ms since the epoch), whatever its outcome. */
  'updates.lastCheck': { schema: z.number().int().nonnegative().nullable(), fallback: null as number | null },
  /** The UI language: a BCP 47 base language the renderer ships ("en", "ko"), or "system" to follow the OS. */
  'ui.language': { schema: LanguageSettingSchema, fallback: 'system' as string },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['fallback'];

/**
 * Typed access to the `app_settings` table (migration 0011). A value that does not match its schema
 * (hand-edited, or written by a future version) reads as the default rather than breaking start-up.
 */
export class AppSettings {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.db.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as { value: string } | undefined;
    const { schema, fallback } = SETTINGS[key];
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? (parsed.data as SettingValue<K>) : fallback;
    } catch {
      return fallback;
    }
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>): void {
    // Validated here too: a caller bypassing the contract must not store what `get` would later discard.
    const checked = SETTINGS[key].schema.parse(value);
    this.db
      .prepare('INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
      .run(key, JSON.stringify(checked), this.now());
  }
}
