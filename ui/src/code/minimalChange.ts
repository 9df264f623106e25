// The smallest single replacement turning one text into another, found from the common
// prefix and suffix. The code view applies Rust's own splices when it has them (an edit,
// undo, redo: see codeSync.ts); this is for the rest (a reload, a snapshot that came
// whole), so CodeMirror maps the cursor, selection and scroll position through a small
// change instead of losing them to a full replace.

export interface TextChange {
  from: number; // UTF-16 offsets into the old text
  to: number;
  insert: string;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** null when the texts are equal. The change never splits a surrogate pair. */
export function minimalChange(oldText: string, newText: string): TextChange | null {
  if (oldText === newText) return null;
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  // Back off so the change starts on a whole character.
  if (prefix > 0 && isHighSurrogate(oldText.charCodeAt(prefix - 1))) prefix--;

  // The suffix may not overlap the prefix in either text.
  const maxSuffix = max - prefix;
  let suffix = 0;
  while (
    suffix < maxSuffix &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (suffix > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - suffix))) suffix--;

  return {
    from: prefix,
    to: oldText.length - suffix,
    insert: newText.slice(prefix, newText.length - suffix),
  };
}

/** Applies a change (for tests and for checking the invariant). */
export function applyChange(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.from) + change.insert + text.slice(change.to);
}
