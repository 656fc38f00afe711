/** What a fetched or uploaded document yields: the text to store and what it says about itself. */
export interface ExtractedDocument {
  mediaType: 'text/html' | 'application/pdf';
  text: string;
  title: string | null;
  byline: string | null;
  /** ISO 8601 UTC. */
  publishedAt: string | null;
  siteName: string | null;
  language: string | null;
  finalUrl: string | null;
}
