import { useEffect, useState } from 'preact/hooks';
import { get } from '../api';
import { formatDate, formatMoney, label, Loading, ProblemMessage, useLoad } from '../components/ui';
import { t } from '../i18n';
import { excerpt, locate } from '../passages';
import { href, Route } from '../router';
import type { Citation, Item, Source } from '../types';
import type { Evidence } from './evidence';
import { FollowUps } from './follow-ups';
import { ItemActions } from '../components/item-actions';
import { Timeline } from './timeline';

async function load(id: string) {
  const item = await get<Item>(`/v1/items/${id}`);
  const sourceIds = [...new Set((item.citations ?? []).map((c) => c.sourceId))];
  const sources = await Promise.all(
    sourceIds.map(async (sid) => ({
      source: await get<Source>(`/v1/sources/${sid}`),
      text: (await get<{ text: string | null }>(`/v1/sources/${sid}/text`)).text,
    })),
  );
  return { item, sources: new Map(sources.map((s) => [s.source.id, s])) };
}

type Sources = Awaited<ReturnType<typeof load>>['sources'];

/** An item: its passages in their sources, actors, amount, timeline, update form and follow-ups. */
export function ItemPage({ id }: { id: string; route: Route }) {
  const loaded = useLoad(() => load(id), [id]);
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  useEffect(() => setEvidence([]), [id]);
  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ProblemMessage error={loaded.error} />;
  const { item, sources } = loaded.data;
  const addEvidence = (e: Evidence) =>
    setEvidence((all) =>
      all.some((x) => x.sourceId === e.sourceId && x.quote === e.quote) ? all : [...all, e],
    );
  return (
    <>
      <p class="crumbs">
        <a href={href('/items')}>{t('items.title')}</a>
      </p>
      <h1 lang={item.language}>{item.title}</h1>
      <p class="meta">
        <span class="kind">{label(item.kind)}</span> ·{' '}
        <span class={`status status-${item.status}`} data-testid="item-status">
          {label(item.status)}
        </span>{' '}
        {t('item.since', { date: formatDate(item.statusSince) })}
      </p>
      <ItemActions item={item} onChanged={loaded.reload} />
      <div class="columns">
        <div>
          <section aria-labelledby="facts-h">
            <h2 id="facts-h">{t('record.statement')}</h2>
            <p lang={item.language}>{item.statement}</p>
            <dl class="facts">
              {item.amount && (
                <>
                  <dt>{t('record.amount')}</dt>
                  <dd>
                    {label(item.amount.qualifier ?? 'exactly')}{' '}
                    {formatMoney(item.amount.value, item.amount.currency)}
                    {item.amount.valueMax && ` – ${formatMoney(item.amount.valueMax, item.amount.currency)}`}
                    {item.recurrence && ` · ${label(item.recurrence)}`}
                  </dd>
                </>
              )}
              {item.dueAt && (
                <>
                  <dt>{t('record.due')}</dt>
                  <dd>
                    {formatDate(item.dueAt)} ({label(item.duePrecision)})
                  </dd>
                </>
              )}
              <dt>{t('record.actors')}</dt>
              <dd>
                {item.actors.length ? (
                  <ul class="inline">
                    {item.actors.map((a) => (
                      <li key={a.actorId + a.role}>
                        <a href={href('/items', { actorId: a.actorId })}>{a.name}</a> ({label(a.role)})
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('item.noActors')
                )}
              </dd>
              {item.tags.length > 0 && (
                <>
                  <dt>{t('record.tags')}</dt>
                  <dd>
                    {item.tags.map((t) => (
                      <a key={t} class="tag" href={href('/items', { tag: t })}>
                        {t}
                      </a>
                    ))}
                  </dd>
                </>
              )}
            </dl>
          </section>
          <Passages citations={item.citations ?? []} sources={sources} onEvidence={addEvidence} />
        </div>
        <div>
          <Timeline
            item={item}
            sources={sources}
            evidence={evidence}
            setEvidence={setEvidence}
            onChange={loaded.reload}
          />
          <FollowUps itemId={item.id} />
        </div>
      </div>
    </>
  );
}

/**
 * Each citation shown in its source (context either side); the full text opens on demand, and a
 * passage selected in either can be used as evidence for an update.
 */
function Passages(props: { citations: Citation[]; sources: Sources; onEvidence: (e: Evidence) => void }) {
  const [selection, setSelection] = useState<Evidence | null>(null);
  useEffect(() => {
    const onSelect = () => {
      const s = document.getSelection();
      const holder = s?.anchorNode?.parentElement?.closest<HTMLElement>('[data-source-id]');
      if (!s || s.isCollapsed || !holder) return;
      setSelection({ sourceId: holder.dataset.sourceId!, quote: s.toString() });
    };
    document.addEventListener('selectionchange', onSelect);
    return () => document.removeEventListener('selectionchange', onSelect);
  }, []);
  return (
    <section aria-labelledby="passages-h">
      <h2 id="passages-h">{t('item.passages')}</h2>
      <p class="hint">{t('item.passagesHint')}</p>
      <button type="button" disabled={!selection} onClick={() => selection && props.onEvidence(selection)}>
        {t('item.useAsEvidence')}
      </button>
      {props.citations.map((c) => (
        <Passage key={c.id} citation={c} loaded={props.sources.get(c.sourceId)} />
      ))}
    </section>
  );
}

function Passage({
  citation,
  loaded,
}: {
  citation: Citation;
  loaded?: { source: Source; text: string | null };
}) {
  const [full, setFull] = useState(false);
  const text = loaded?.text ?? null;
  const range = text
    ? locate(text, citation.quote, {
        position: citation.selectors?.textPosition,
        exact: citation.selectors?.textQuote.exact,
      })
    : null;
  const shown = text && range ? excerpt(text, range, full ? text.length : 240) : null;
  return (
    <figure class="passage" data-testid="passage">
      <figcaption>
        <span class="role">{label(citation.role)}</span> ·{' '}
        {loaded ? (
          <a href={href(`/sources/${loaded.source.id}`)} lang={loaded.source.language}>
            {loaded.source.title}
          </a>
        ) : (
          t('item.source')
        )}
        {citation.page != null && <span class="page"> · {t('item.page', { page: citation.page })}</span>}
      </figcaption>
      <blockquote lang={citation.language ?? undefined} data-source-id={citation.sourceId}>
        {shown ? (
          <>
            {shown.before}
            <mark class="cited">{shown.passage}</mark>
            {shown.after}
          </>
        ) : (
          citation.quote
        )}
      </blockquote>
      {citation.translation && <p class="translation">{citation.translation}</p>}
      {shown && (
        <button type="button" class="link" aria-expanded={full} onClick={() => setFull(!full)}>
          {full ? t('item.passageOnly') : t('item.wholeText')}
        </button>
      )}
    </figure>
  );
}
