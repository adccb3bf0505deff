/** Replacements at character offsets of a fix's text, made together: each at the place it was found in the original. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The text with every edit made, the last first so that the offsets of those before it still hold. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
