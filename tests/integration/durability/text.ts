/** The description after n edits: a fixed pattern, so a torn or mixed write cannot match it by accident. */
export function textOfLength(n: number): string {
  const unit = 'Lectern ü 講義 0123456789 ';
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}
