/** Where the CLI takes secrets from: an environment variable or stdin, never argv (visible to every user in `ps`). */
export const SECRET_ENV = 'LECTERN_HUB_SECRET';
export const SESSION_ENV = 'LECTERN_HUB_SESSION_TOKEN';

/** The secret from stdin (first line) when asked, else from $LECTERN_HUB_SECRET; null when neither has one. */
export async function readSecret(fromStdin: boolean): Promise<string | null> {
  if (!fromStdin) return process.env[SECRET_ENV] || null;
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const line = text.split(/\r?\n/)[0] ?? '';
  return line === '' ? null : line;
}
