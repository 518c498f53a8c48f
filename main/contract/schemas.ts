import { z } from 'zod';

/** Field rules shared by every channel; the messages are shown to the user as they are. */

export const MAX_TITLE_LENGTH = 10_000;
export const MAX_TEXT_LENGTH = 200_000;

export const Id = z.uuid({ message: 'must be an id issued by Lectern' });

/** Titles are stored exactly as typed (autosave must not eat a trailing space mid-word), but never blank. */
export const Title = z
  .string()
  .max(MAX_TITLE_LENGTH, `Title is too long (at most ${MAX_TITLE_LENGTH.toLocaleString('en')} characters)`)
  .refine((s) => s.trim().length > 0, 'Title cannot be empty');

export const LongText = z.string().max(MAX_TEXT_LENGTH, `Text is too long (at most ${MAX_TEXT_LENGTH.toLocaleString('en')} characters)`);

/** A BCP 47 tag such as "en", "ko" or "pt-BR". */
export const Language = z
  .string()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Language must be a code such as "en", "ko" or "pt-BR"');

export const Encoding = z.enum(['smaller', 'balanced', 'higher'], 'Encoding must be smaller, balanced or higher');

export const Tags = z
  .array(z.string().trim().min(1, 'A tag cannot be empty').max(50, 'A tag is at most 50 characters'))
  .max(20, 'At most 20 tags');

export const Position = z.number().int().min(0, 'Position cannot be negative');

export const CoursePatch = z
  .strictObject({
    title: Title,
    subtitle: z.string().max(500, 'Subtitle is at most 500 characters'),
    description: LongText,
    language: Language,
    tags: Tags,
    encoding: Encoding,
  })
  .partial();

export const SectionPatch = z.strictObject({ title: Title }).partial();

export const LecturePatch = z
  .strictObject({
    title: Title,
    summary: LongText,
    freePreview: z.boolean(),
    status: z.enum(['draft', 'ready']),
    durationSec: z.number().nonnegative().nullable(),
  })
  .partial();

export type CoursePatch = z.output<typeof CoursePatch>;
export type SectionPatch = z.output<typeof SectionPatch>;
export type LecturePatch = z.output<typeof LecturePatch>;

/** "system" or a lower-case base language tag; which languages exist is the renderer's catalogs' business. */
export const LanguageSettingSchema = z.union([z.literal('system'), z.string().regex(/^[a-z]{2,3}$/, 'Use a language code such as "en" or "ko", or "system"')]);
