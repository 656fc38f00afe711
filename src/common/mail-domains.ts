const DOMAIN = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*`;

/** `MAIL_ALLOWED_DOMAINS`: empty, or domain names separated by commas (spaces allowed). */
export const MAIL_DOMAIN_LIST = new RegExp(`^\\s*(${DOMAIN}\\s*(,\\s*${DOMAIN}\\s*)*)?$`);

/** The setting as a list of lower-case domains; empty means any domain. */
export function mailDomains(setting: string): string[] {
  return setting
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d !== '');
}

/**
 * Whether reminder mail may go to `address`: the list is empty, or the address's domain is a
 * listed domain or a subdomain of one (`example.org` allows `desk@news.example.org`).
 */
export function mailDomainAllowed(address: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return allowed.some((d) => domain === d || domain.endsWith(`.${d}`));
}
