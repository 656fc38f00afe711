import type { create } from 'xmlbuilder2';

/** xmlbuilder2's builder type, as `create()` returns it (its interfaces module is not a public entry). */
type XMLBuilder = ReturnType<typeof create>;
import { itemPageUrl } from '../common/links';
import { xmlSafe } from '../common/text/unicode';
import { ChangeEntry } from './changes.query';

const ATOM = 'http://www.w3.org/2005/Atom';

export interface AtomPage {
  feedId: string;
  title: string;
  /** When the feed was created: its `updated` while it has no entry yet. */
  createdAt: Date;
  baseUrl: string;
  selfUrl: string;
  firstUrl: string;
  /** The next (older) page, when there is one (RFC 5005 paging). */
  nextUrl: string | null;
  entries: ChangeEntry[];
}

/**
 * An Atom 1.0 document (RFC 4287), written with xmlbuilder2 so escaping is the library's job.
 * xmlbuilder2 writes characters XML cannot carry as they are, so the finished document gets
 * U+FFFD in their place (its markup is ASCII: only stored text can hold them).
 * Entry ids are the outbox event ids (`urn:uuid:…`), stable for as long as the event exists;
 * entries come newest first.
 */
export function renderAtom(page: AtomPage): string {
  // Loaded on the first feed: xmlbuilder2 and its DOM are ~140 modules that most processes never need.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { create } = require('xmlbuilder2') as typeof import('xmlbuilder2');
  const feed = create({ version: '1.0', encoding: 'utf-8' }).ele(ATOM, 'feed');
  feed.ele('id').txt(`urn:uuid:${page.feedId}`);
  feed.ele('title').txt(page.title);
  feed.ele('updated').txt((page.entries[0]?.at ?? page.createdAt).toISOString());
  feed.ele('author').ele('name').txt('Pledgewatch');
  feed.ele('generator').txt('Pledgewatch');
  feed.ele('link', { rel: 'self', type: 'application/atom+xml', href: page.selfUrl });
  feed.ele('link', { rel: 'first', type: 'application/atom+xml', href: page.firstUrl });
  if (page.nextUrl) feed.ele('link', { rel: 'next', type: 'application/atom+xml', href: page.nextUrl });
  feed.ele('link', { rel: 'alternate', type: 'text/html', href: `${page.baseUrl.replace(/\/+$/, '')}/` });
  for (const entry of page.entries) addEntry(feed, entry, page.baseUrl);
  return xmlSafe(feed.end({ prettyPrint: true }));
}

function addEntry(feed: XMLBuilder, e: ChangeEntry, baseUrl: string): void {
  const entry = feed.ele('entry');
  entry.ele('id').txt(`urn:uuid:${e.eventId}`);
  entry.ele('title').txt(entryTitle(e));
  entry.ele('updated').txt(e.at.toISOString());
  entry.ele('published').txt(e.at.toISOString());
  entry
    .ele('author')
    .ele('name')
    .txt(e.type === 'item.source_changed' ? 'Pledgewatch' : (e.recordedBy ?? e.itemCreatedBy));
  entry.ele('link', { rel: 'alternate', type: 'text/html', href: itemPageUrl(baseUrl, e.itemId) });
  for (const source of e.evidence)
    entry.ele('link', { rel: 'related', type: 'text/html', href: source.url, title: source.title });
  if (e.changedSource)
    entry.ele('link', { rel: 'related', href: e.changedSource.url, title: e.changedSource.title });
  entry.ele('category', { term: e.itemKind, label: e.itemKind });
  for (const tag of e.itemTags) entry.ele('category', { term: tag });
  entry.ele('summary', { type: 'text' }).txt(entrySummary(e));
}

function entryTitle(e: ChangeEntry): string {
  if (e.type === 'item.created') return `New ${e.itemKind}: ${e.itemTitle} (${e.data.status ?? 'recorded'})`;
  if (e.type === 'item.source_changed')
    return `${e.itemTitle}: a cited passage left the live page of ${e.changedSource?.title ?? 'its source'}`;
  return `${e.itemTitle}: ${e.data.from ?? '?'} → ${e.data.to ?? '?'}`;
}

/**
 * The statement of a new item; the note (or retraction reason) and quoted evidence of a change;
 * the passage a recheck no longer found, and where.
 */
function entrySummary(e: ChangeEntry): string {
  if (e.type === 'item.created') return e.itemStatement;
  if (e.type === 'item.source_changed') {
    const page = e.data.liveStatus === 'gone' ? 'is gone' : 'has changed';
    const where = e.changedSource ? `${e.changedSource.title} <${e.changedSource.url}>` : 'The source';
    return `${where} ${page}: the cited passage “${e.data.quote ?? ''}” is no longer on the live page. The item keeps the archived text.`;
  }
  const why =
    e.data.cause === 'retraction'
      ? `An update was retracted${e.retractionReason ? `: ${e.retractionReason}` : '.'}`
      : e.data.cause === 'merge'
        ? 'A duplicate was merged into this item.'
        : (e.note ?? '');
  const evidence = e.evidence.map(
    (s) => `Evidence: ${s.title} <${s.url}>${s.quote ? ` — “${s.quote}”` : ''}`,
  );
  return [why, ...evidence].filter((l) => l !== '').join('\n');
}
