/**
 * How deep a JSON body may nest. GitHub's bodies nest a few levels at most (a manifest's
 * `hook_attributes`, a token's `permissions`); a 100,000-deep array would overflow the stack of every
 * recursive reader after the parser (the schema check, the error handler), so it is refused first.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests deeper than `max` arrays and objects, read without parsing it. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
