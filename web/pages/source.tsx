import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { SourceArchive } from '../components/source-archive';
import { formatDate, formatMoney, label, Loading, ProblemMessage, useLoad } from '../components/ui';
import { locate, runs } from '../passages';
import { href, navigate, paramsOf, Route } from '../router';
import type { Candidate, Source, TextPositionSelector, TextQuoteSelector } from '../types';
import { passageDraft, RecordForm } from './record-form';

interface Loaded {
  source: Source;
  text: string | null;
  candidates: Candidate[];
  candidatesError: unknown;
}

async function load(id: string): Promise<Loaded> {
  const [source, { text }] = await Promise.all([
    get<Source>(`/v1/sources/${id}`),
    get<{ text: string | null }>(`/v1/sources/${id}/text`),
  ]);
  let candidates: Candidate[] = [];
  let candidatesError: unknown = null;
  if (text) {
    try {
      candidates = (await get<{ data: Candidate[] }>(`/v1/sources/${id}/candidates`)).data;
    } catch (error) {
      candidatesError = error;
    }
  }
  return { source, text, candidates, candidatesError };
}

/** Where a candidate sits: its position selector when it still matches, else its exact quote. */
function candidateRange(text: string, c: Candidate) {
  const position = c.selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  const quote = c.selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  return locate(text, c.quote, { position, exact: quote?.exact });
}

/**
 * A source's text with what it claims and pledges highlighted (colour by kind, recorded ones
 * marked); choosing one opens the prefilled form; any selected passage can start a new item.
 */
export function SourcePage({ id, route }: { id: string; route: Route }) {
  const loaded = useLoad(() => load(id), [id]);
  const [passage, setPassage] = useState('');
  const [fromPassage, setFromPassage] = useState<string | null>(null);
  const textRef = useRef<HTMLDivElement>(null);
  const chosen = route.params.get('candidate');

  useEffect(() => {
    const onSelect = () => {
      const selection = document.getSelection();
      const node = selection?.anchorNode;
      if (!selection || selection.isCollapsed || !node || !textRef.current?.contains(node)) return;
      setPassage(selection.toString());
    };
    document.addEventListener('selectionchange', onSelect);
    return () => document.removeEventListener('selectionchange', onSelect);
  }, []);

  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ProblemMessage error={loaded.error} />;
  const { source, text, candidates, candidatesError } = loaded.data;
  const choose = (index: number | null) => {
    setFromPassage(null);
    navigate(`/sources/${id}`, {
      ...paramsOf(route.params),
      candidate: index === null ? undefined : String(index),
    });
  };
  const current = chosen !== null && fromPassage === null ? candidates[Number(chosen)] : undefined;
  const ranges = text ? candidates.map((c) => candidateRange(text, c)) : [];

  return (
    <>
      <p class="crumbs">
        <a href={href('/sources')}>Sources</a>
      </p>
      <h1 lang={source.language}>{source.title}</h1>
      <p class="meta">
        {[
          source.publisher,
          source.author,
          formatDate(source.publishedAt),
          source.language,
          label(source.kind),
        ]
          .filter(Boolean)
          .join(' · ')}{' '}
        ·{' '}
        <a href={source.url} rel="noreferrer noopener" target="_blank">
          original
        </a>
      </p>
      <SourceArchive source={source} />
      <div class="columns source-layout">
        <section aria-labelledby="text-h">
          <h2 id="text-h">Text</h2>
          {text ? (
            <>
              <Legend />
              <div class="source-text" lang={source.language} ref={textRef}>
                {runs(text, ranges).map((run) => {
                  if (!run.covering.length) return run.text;
                  const index = run.covering[0];
                  const c = candidates[index];
                  const handled = c.existingItemIds.length > 0;
                  const last = ranges[index]?.end === run.end;
                  return (
                    <mark
                      key={run.start}
                      role="button"
                      tabIndex={run.start === ranges[index]?.start ? 0 : -1}
                      class={`hl hl-${c.kind}${handled ? ' handled' : ''}${current === c ? ' current' : ''}`}
                      aria-pressed={current === c}
                      onClick={() => choose(index)}
                      onKeyDown={(e) =>
                        (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), choose(index))
                      }
                    >
                      {run.text}
                      {last && (
                        <span class="sr-only">
                          {' '}
                          ({c.kind}
                          {handled ? ', already recorded' : ''})
                        </span>
                      )}
                    </mark>
                  );
                })}
              </div>
            </>
          ) : (
            <p>This source was logged without its text.</p>
          )}
        </section>
        <aside aria-labelledby="panel-h" class="panel">
          <h2 id="panel-h">Record</h2>
          <div class="passage-action">
            <p class="hint" aria-live="polite">
              {passage
                ? `Selected: “${passage.slice(0, 80)}${passage.length > 80 ? '…' : ''}”`
                : 'Select a passage of the text to record it.'}
            </p>
            <button type="button" disabled={!passage} onClick={() => setFromPassage(passage)}>
              New item from this passage
            </button>
          </div>
          {fromPassage !== null && (
            <RecordForm
              key={`p:${fromPassage}`}
              source={source}
              draft={passageDraft(source, fromPassage)}
              actors={[]}
            />
          )}
          {current && (
            <RecordForm
              key={`c:${chosen}`}
              source={source}
              draft={current.draft}
              actors={current.actors}
              candidate={current}
            />
          )}
          {text && (
            <CandidateList
              candidates={candidates}
              error={candidatesError}
              current={current}
              choose={choose}
            />
          )}
        </aside>
      </div>
    </>
  );
}

function Legend() {
  return (
    <p class="legend">
      <span class="hl hl-commitment">commitment</span> <span class="hl hl-claim">claim</span>{' '}
      <span class="hl hl-commitment handled">already recorded</span>
    </p>
  );
}

function CandidateList(props: {
  candidates: Candidate[];
  error: unknown;
  current?: Candidate;
  choose: (i: number) => void;
}) {
  const { candidates, error, current, choose } = props;
  if (error) {
    const missing =
      error instanceof ApiError && (error.problem.status === 404 || error.problem.status === 405);
    return (
      <section aria-labelledby="cands-h">
        <h3 id="cands-h">Candidates</h3>
        {missing ? (
          <p>This server does not propose candidates; select a passage instead.</p>
        ) : (
          <ProblemMessage error={error} />
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="cands-h">
      <h3 id="cands-h">Candidates ({candidates.length})</h3>
      <ol class="candidates">
        {candidates.map((c, i) => (
          <li key={i}>
            <button
              type="button"
              class={`candidate hl-${c.kind}${c.existingItemIds.length ? ' handled' : ''}`}
              aria-pressed={current === c}
              onClick={() => choose(i)}
            >
              <span class="kind">{c.kind}</span> {c.title}
              {c.amount && <span class="amount"> · {formatMoney(c.amount.value, c.amount.currency)}</span>}
              <span class="status"> · {label(c.statusHint)}</span>
              {c.existingItemIds.length > 0 && <span class="done"> · recorded</span>}
            </button>
            {c.existingItemIds.map((itemId) => (
              <a key={itemId} class="existing" href={href(`/items/${itemId}`)}>
                open recorded item
              </a>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
