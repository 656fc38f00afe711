import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { SourceArchive } from '../components/source-archive';
import { Amount, formatDate, label, Loading, ProblemMessage, useLoad } from '../components/ui';
import { languageName } from '../format';
import { t } from '../i18n';
import { locate, runs } from '../passages';
import { href, navigate, paramsOf, Route } from '../router';
import type { Candidate, Source, TextPositionSelector, TextQuoteSelector } from '../types';
import { CandidateDecision } from '../components/candidate-decision';
import { passageDraft, RecordForm } from './record-form';
import { AttachPassage } from '../components/attach-passage';
import { CandidatePanel, Recorded, RecordedNotice } from '../components/candidate-panel';

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
      const query = { include: 'dismissed' };
      candidates = (await get<{ data: Candidate[] }>(`/v1/sources/${id}/candidates`, query)).data;
    } catch (error) {
      candidatesError = error;
    }
  }
  return { source, text, candidates, candidatesError };
}

/** Why the extractor proposed it, shown on hover: its cues and the model's strongest features. */
function why(c: Candidate): string {
  const features = (c.explanation ?? []).map((r) => `${r.feature} +${r.weight}`).join(', ');
  const model = t('source.why.model', { confidence: c.confidence, features });
  return c.cues.length ? `${t('source.why.cues', { cues: c.cues.join(', ') })}; ${model}` : model;
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
  const [attaching, setAttaching] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
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
  const choose = (index: number | null, replace = false) => {
    setFromPassage(null);
    setAttaching(null);
    navigate(
      `/sources/${id}`,
      { ...paramsOf(route.params), candidate: index === null ? undefined : String(index) },
      replace,
    );
  };
  // After *Record*: stay here, the candidates reloaded (this one now recorded), the next one chosen.
  const onRecorded = (item: Recorded) => {
    setRecorded(item);
    const next = candidates.findIndex((c, i) => i > Number(chosen ?? -1) && c.existingItemIds.length === 0);
    choose(next >= 0 ? next : null, true);
    loaded.reload();
  };
  const current =
    chosen !== null && fromPassage === null && attaching === null ? candidates[Number(chosen)] : undefined;
  const ranges = text ? candidates.map((c) => candidateRange(text, c)) : [];

  return (
    <>
      <p class="crumbs">
        <a href={href('/sources')}>{t('sources.title')}</a>
      </p>
      <h1 lang={source.language}>{source.title}</h1>
      <p class="meta">
        {[
          source.publisher,
          source.author,
          formatDate(source.publishedAt),
          languageName(source.language),
          label(source.kind),
        ]
          .filter(Boolean)
          .join(' · ')}{' '}
        ·{' '}
        <a href={source.url} rel="noreferrer noopener" target="_blank">
          {t('source.original')}
        </a>
      </p>
      <SourceArchive source={source} />
      <div class={`columns source-layout${current || fromPassage !== null ? ' sheet-open' : ''}`}>
        <section aria-labelledby="text-h">
          <h2 id="text-h">{t('source.text')}</h2>
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
                      title={why(c)}
                      onClick={() => choose(index)}
                      onKeyDown={(e) =>
                        (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), choose(index))
                      }
                    >
                      {run.text}
                      {last && (
                        <span class="sr-only">
                          {' '}
                          ({label(c.kind)}
                          {handled ? `, ${t('source.alreadyRecorded')}` : ''})
                        </span>
                      )}
                    </mark>
                  );
                })}
              </div>
            </>
          ) : (
            <p>{t('source.noText')}</p>
          )}
        </section>
        <aside aria-labelledby="panel-h" class="panel">
          <h2 id="panel-h">{t('source.record')}</h2>
          <div class="passage-action">
            <p class="hint" aria-live="polite">
              {passage
                ? t('source.selected', {
                    passage: `${passage.slice(0, 80)}${passage.length > 80 ? '…' : ''}`,
                  })
                : t('source.selectHint')}
            </p>
            <button type="button" disabled={!passage} onClick={() => setFromPassage(passage)}>
              {t('source.newFromPassage')}
            </button>{' '}
            <button
              type="button"
              disabled={!passage}
              onClick={() => (setAttaching(passage), setFromPassage(null))}
            >
              {t('source.attach')}
            </button>
          </div>
          {recorded && <RecordedNotice item={recorded} />}
          {attaching !== null && (
            <AttachPassage key={attaching} source={source} passage={attaching} onDone={loaded.reload} />
          )}
          {fromPassage !== null && (
            <RecordForm
              key={`p:${fromPassage}`}
              source={source}
              draft={passageDraft(source, fromPassage)}
              actors={[]}
              onRecorded={(item) => (setRecorded(item), setFromPassage(null), loaded.reload())}
            />
          )}
          {current && (
            <CandidatePanel
              formKey={`c:${chosen}`}
              source={source}
              candidate={current}
              onRecorded={onRecorded}
              onApplied={loaded.reload}
            />
          )}
          {text && (
            <CandidateList
              sourceId={id}
              reload={loaded.reload}
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
      <span class="hl hl-commitment">{label('commitment')}</span>{' '}
      <span class="hl hl-claim">{label('claim')}</span>{' '}
      <span class="hl hl-commitment handled">{t('source.alreadyRecorded')}</span>
    </p>
  );
}

function CandidateList(props: {
  sourceId: string;
  reload: () => void;
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
        <h3 id="cands-h">{t('source.candidatesTitle')}</h3>
        {missing ? <p>{t('source.noCandidates')}</p> : <ProblemMessage error={error} />}
      </section>
    );
  }
  return (
    <section aria-labelledby="cands-h">
      <h3 id="cands-h">{t('source.candidates', { count: candidates.length })}</h3>
      <ol class="candidates">
        {candidates.map((c, i) => (
          <li key={i}>
            <button
              type="button"
              class={`candidate hl-${c.kind}${c.existingItemIds.length ? ' handled' : ''}${c.dismissed ? ' dismissed' : ''}`}
              aria-pressed={current === c}
              title={why(c)}
              onClick={() => choose(i)}
            >
              <span class="kind">{label(c.kind)}</span> {c.title}
              {c.amount && (
                <>
                  {' · '}
                  <Amount value={c.amount.value} currency={c.amount.currency} />
                </>
              )}
              <span class="status"> · {label(c.statusHint)}</span>
              {c.existingItemIds.length > 0 && <span class="done"> · {t('source.recorded')}</span>}
            </button>
            {c.existingItemIds.map((itemId) => (
              <a key={itemId} class="existing" href={href(`/items/${itemId}`)}>
                {t('source.openRecorded')}
              </a>
            ))}{' '}
            <CandidateDecision sourceId={props.sourceId} candidate={c} changed={props.reload} />
          </li>
        ))}
      </ol>
    </section>
  );
}
