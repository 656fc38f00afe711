/**
 * A search text as a LIKE pattern's literal part: its own `%`, `_` and `\\` escaped, so a search
 * for "50%" finds "50%", not everything that starts with 50. (pw_fold keeps all three as they are.)
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
