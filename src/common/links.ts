/**
 * Absolute links that leave the service (feeds, mails) start with PUBLIC_BASE_URL, never with
 * the request's Host header, which a client chooses.
 */
export function publicUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** An item's page in the workbench (hash addresses: the server serves one page at `/`). */
export function itemPageUrl(baseUrl: string, itemId: string): string {
  return publicUrl(baseUrl, `/#/items/${itemId}`);
}
