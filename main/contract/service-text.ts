import type { ErrorCode } from './errors';
import type { FailureCode, FailureParams } from './failures';
import en from './messages/en.json' with { type: 'json' };
import ko from './messages/ko.json' with { type: 'json' };

/**
 * What a service tells the user, as a message id and its values rather than a sentence, so the renderer
 * (and the CLI under LANG=ko_KR.UTF-8) can say it in the user's language. The sentences live in
 * `main/contract/messages/<lang>.json`, one file per language, English the source.
 */
export type TextKey = keyof typeof en;
export type TextValues = Record<string, string | number>;

export interface ServiceText {
  key: TextKey;
  values?: TextValues;
}

/** Every language's service messages; a third language is one more JSON file and one more line here. */
export const SERVICE_CATALOGS: Readonly<Record<string, Record<TextKey, string>>> = { en, ko };

export function isServiceText(value: unknown): value is ServiceText {
  return typeof value === 'object' && value !== null && 'key' in value && typeof value.key === 'string' && value.key in en;
}

/**
 * A failure's sentence as a message: the values say whether a hub, bucket or file is named, because ICU
 * `select` cannot branch on an empty value and each language words the unnamed case its own way.
 */
export function failureText(failure: FailureCode, params: FailureParams = {}): ServiceText {
  return {
    key: `failure.${failure}`,
    values: {
      named: params.hub ? 'yes' : 'no',
      hub: params.hub ?? '',
      bucketNamed: params.bucket ? 'yes' : 'no',
      bucket: params.bucket ?? '',
      fileNamed: params.file ? 'yes' : 'no',
      file: params.file ?? '',
    },
  };
}

/** The fallback sentence for an error code, when nothing more specific is known. */
export const codeText = (code: ErrorCode): ServiceText => ({ key: `error.${code}` });

const ISSUE_BY_ENGLISH: ReadonlyMap<string, TextKey> = new Map(
  (Object.entries(en) as [TextKey, string][]).filter(([key]) => key.startsWith('issue.')).map(([key, text]) => [text, key]),
);

/**
 * A schema's field message as a catalog message. Schemas keep their English text (zod needs a string, and
 * other readers of a schema see a sentence): like a gettext msgid, that text finds its `issue.*` entry,
 * so `npm run lint` counts an `issue.*` message as used while a schema still says it word for word.
 */
export function issueText(message: string): ServiceText | undefined {
  const key = ISSUE_BY_ENGLISH.get(message);
  return key ? { key } : undefined;
}
