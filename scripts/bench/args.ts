/** `--name <positive number>` from the bench's command line, or `fallback` when absent. */
export function numberFlag(name: string, fallback: number, args: readonly string[] = process.argv.slice(2)): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}
