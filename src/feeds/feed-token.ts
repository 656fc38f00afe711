import { randomBytes } from 'node:crypto';

/** The secret in a feed URL: `pwf_` and 32 random bytes, base64url. It is the credential. */
const TOKEN = /^pwf_[A-Za-z0-9_-]{43}$/;
const FILE = /^(.+)\.(ics|atom)$/;

export type FeedFormat = 'ics' | 'atom';

export function newFeedToken(): string {
  return `pwf_${randomBytes(32).toString('base64url')}`;
}

/** `<token>.ics` or `<token>.atom` → its parts; null for anything that cannot be a feed file. */
export function parseFeedFile(file: string): { token: string; format: FeedFormat } | null {
  const match = FILE.exec(file);
  if (!match || !TOKEN.test(match[1])) return null;
  return { token: match[1], format: match[2] as FeedFormat };
}
