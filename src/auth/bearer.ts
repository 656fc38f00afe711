/** The key in `Authorization: Bearer <key>` (scheme name in any case, RFC 9110 §11.1); null without one. */
export function presentedKey(authorization: unknown): string | null {
  if (typeof authorization !== 'string') return null;
  return /^bearer +([A-Za-z0-9_\-.~+/=]{1,512}) *$/i.exec(authorization)?.[1] ?? null;
}

/** Whether the request carries any credentials at all (a malformed header counts: it was sent). */
export function sentCredentials(authorization: unknown): boolean {
  return typeof authorization === 'string' && authorization.trim() !== '';
}
