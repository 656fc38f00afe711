import escapeHtml from 'escape-html';
import { createHash } from 'node:crypto';
import { PublicItem, PublicPage, PublicPassage } from './publication.schema';
import { PageLanguage, WORDS } from './public-page.words';

const CSS = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ccc;--accent:#0b5cad}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#bbb;--line:#444;--accent:#8cc4ff}}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:60rem;margin:0 auto;padding:1rem}
a{color:var(--accent)}
h1{font-size:1.6rem;margin:.5rem 0}
.tally,.totals{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.tally li,.totals li{border:1px solid var(--line);border-radius:.4rem;padding:.3rem .6rem}
article{border-top:1px solid var(--line);padding:.75rem 0}
h3{font-size:1.1rem;margin:.25rem 0}
.meta{color:var(--muted);margin:.25rem 0}
.status{font-weight:600}
blockquote{margin:.5rem 0;padding-left:.75rem;border-left:3px solid var(--line);overflow-wrap:anywhere}
ol{padding-left:1.25rem}
footer{color:var(--muted);margin-top:1.5rem;font-size:.9rem}
`;

/** The one stylesheet, allowed by its hash: no inline script, no other style. */
const STYLE_HASH = createHash('sha256').update(CSS).digest('base64');

/** Strict: nothing runs; only the embed may be framed, by anyone. */
export function pageCsp(embed: boolean): string {
  return embed ? EMBED_CSP : PAGE_CSP;
}

function cspOf(embed: boolean): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${embed ? '*' : "'none'"}`,
  ].join('; ');
}
const PAGE_CSP = cspOf(false);
const EMBED_CSP = cspOf(true);

const e = (text: string | null | undefined) => escapeHtml(text ?? '');

/** Only http(s) links: a source URL is shown as a link only when it is one. */
function link(url: string | null, text: string): string {
  return url && /^https?:\/\//i.test(url)
    ? `<a href="${e(url)}" rel="noopener noreferrer nofollow">${e(text)}</a>`
    : e(text);
}

/** A decimal string grouped as the language writes it (never through a float). */
export function money(value: string, currency: string, lang: PageLanguage): string {
  const [whole, fraction] = value.split('.');
  const sep = lang === 'fr' ? '\u202f' : ',';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const number = fraction ? `${grouped}${lang === 'fr' ? ',' : '.'}${fraction.padEnd(2, '0')}` : grouped;
  return lang === 'fr' ? `${number}\u00a0${currency}` : `${currency} ${number}`;
}

const day = (iso: string) => iso.slice(0, 10);

function passage(p: PublicPassage, lang: PageLanguage): string {
  const quote = p.quote ? `<blockquote lang="${e(lang)}">${e(p.quote)}</blockquote>` : '';
  return `${quote}<p class="meta">${WORDS[lang].source}: ${link(p.source.url, p.source.title)}</p>`;
}

function itemHtml(item: PublicItem, lang: PageLanguage): string {
  const w = WORDS[lang];
  const actors = item.actors.map((a) => `${e(a.name)} (${e(w.roles[a.role] ?? a.role)})`).join(', ');
  const amount = item.amount
    ? `<p class="meta">${w.amount}: ${e(money(item.amount.value, item.amount.currency, lang))}</p>`
    : '';
  const timeline = item.timeline
    .map(
      (u) =>
        `<li><time datetime="${e(u.effectiveAt)}">${day(u.effectiveAt)}</time> ${u.status ? `<span class="status">${e(w.statuses[u.status] ?? u.status)}</span>` : ''}${u.evidence.map((p) => passage(p, lang)).join('')}</li>`,
    )
    .join('');
  return `<article><h3>${e(item.title)}</h3>
<p><span class="status">${e(w.statuses[item.status] ?? item.status)}</span> <span class="meta">${w.since} ${day(item.statusSince)}</span></p>
${actors ? `<p class="meta">${actors}</p>` : ''}${amount}${item.dueAt ? `<p class="meta">${w.due}: ${e(item.dueAt)}</p>` : ''}
${item.origin ? passage(item.origin, lang) : ''}
${timeline ? `<h4>${w.timeline}</h4><ol>${timeline}</ol>` : ''}</article>`;
}

function summary(page: PublicPage, lang: PageLanguage): string {
  const w = WORDS[lang];
  const tally = Object.entries(page.tally)
    .map(([status, n]) => `<li><span class="status">${e(w.statuses[status] ?? status)}</span> ${n}</li>`)
    .join('');
  const totals = page.totals.map((t) => `<li>${e(money(t.pledged, t.currency, lang))}</li>`).join('');
  return `<section aria-labelledby="tally"><h2 id="tally">${w.tally}</h2><ul class="tally">${tally || `<li>${w.none}</li>`}</ul></section>
${totals ? `<section aria-labelledby="totals"><h2 id="totals">${w.totals}</h2><ul class="totals">${totals}</ul></section>` : ''}`;
}

function documentOf(page: PublicPage, lang: PageLanguage, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title)}</title><style>${CSS}</style></head>
<body><main>${body}</main></body></html>`;
}

/** /p/<slug>: the whole page. */
export function pageHtml(page: PublicPage, lang: PageLanguage): string {
  const w = WORDS[lang];
  return documentOf(
    page,
    lang,
    `<h1>${e(page.title)}</h1>${page.description ? `<p>${e(page.description)}</p>` : ''}
${summary(page, lang)}
<section aria-labelledby="items"><h2 id="items">${w.items} (${page.items.length})</h2>${page.truncated ? `<p class="meta">${w.truncated}</p>` : ''}
${page.items.map((i) => itemHtml(i, lang)).join('\n')}</section>
<footer>${w.footer} · <a href="/p/${e(page.slug)}.json">JSON</a></footer>`,
  );
}

/** /p/<slug>/embed: the tally, totals and the items' statuses, for an iframe. */
export function embedHtml(page: PublicPage, lang: PageLanguage): string {
  const w = WORDS[lang];
  const items = page.items
    .map((i) => `<li>${e(i.title)} — <span class="status">${e(w.statuses[i.status] ?? i.status)}</span></li>`)
    .join('');
  return documentOf(
    page,
    lang,
    `<h1>${e(page.title)}</h1>${summary(page, lang)}<ul>${items}</ul>
<footer><a href="/p/${e(page.slug)}" target="_blank" rel="noopener">${w.fullPage}</a></footer>`,
  );
}
