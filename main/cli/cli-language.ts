import type { ErrorData } from '../contract/errors';
import { SERVICE_CATALOGS, codeText, failureText } from '../contract/service-text';
import { languagesFromEnv } from '../ipc/host-shell';
import { formatText } from '../services/text/format-text';

/**
 * The language the CLI prints messages in: the terminal's (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as in
 * gettext) when Lectern has a catalog for it, else English. Scripts that parse output keep English by
 * leaving the locale alone, or use --json.
 */
export function cliLanguage(env: Record<string, string | undefined> = process.env): string {
  for (const tag of languagesFromEnv(env)) {
    const base = tag.toLowerCase().split('-')[0]!;
    if (SERVICE_CATALOGS[base]) return base;
  }
  return 'en';
}

/**
 * An error from the dispatcher as the CLI prints it. English: the message as the services wrote it (the
 * CLI's output before languages, which scripts may match). Another language: the sentence the UI shows,
 * with the technical English text under it when the sentence does not already say it.
 */
export function cliErrorText(error: ErrorData, language: string): string {
  if (language === 'en') return error.message;
  if (error.text) {
    // Like the UI's Details: the technical cause under the sentence, when the sentence leaves it out.
    const sentence = formatText(error.text, language);
    const cause = error.text.values?.cause;
    return cause === undefined || sentence.includes(String(cause)) ? sentence : `${sentence}\n  ${cause}`;
  }
  const issue = error.issues?.[0];
  if (issue?.text) return `${issue.path ? `${issue.path}: ` : ''}${formatText(issue.text, language)}`;
  const sentence = formatText(error.failure ? failureText(error.failure, error.params) : codeText(error.code), language);
  return `${sentence}\n  ${error.message}`;
}
