import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, Page, post } from '../api';
import { parseAmountInput, proposeCurrency } from '../amount-input';
import { Field, formValues, label, OtherFieldErrors, ProblemMessage, Select } from '../components/ui';
import { formatDecimal } from '../format';
import { locale, t } from '../i18n';
import { ACTOR_KINDS } from '../../src/actors/actor-kinds';
import { DUE_PRECISIONS } from '../../src/items/due-window';
import {
  ACTOR_ROLES,
  defaultStatus,
  ITEM_KINDS,
  QUALIFIERS,
  RECURRENCES,
  statusScale,
} from '../../src/items/status-scales';
import type { Actor, Candidate, Item, ItemDraft, Source } from '../types';

/** A draft for a passage the researcher selected: the passage is the origin citation. */
export function passageDraft(source: Source, quote: string): ItemDraft {
  return {
    kind: 'commitment',
    title: '',
    statement: quote.trim(),
    language: source.language,
    citations: [{ sourceId: source.id, role: 'origin', language: source.language, quote }],
  };
}

interface ActorRow {
  name: string;
  role: string;
  /** A stored actor's id, `new` to create one named `name`, or '' to leave it out. */
  choice: string;
  newKind: string;
}

const rowsFrom = (draft: ItemDraft, actors: Candidate['actors']): ActorRow[] =>
  actors.length
    ? actors.map((a) => ({ name: a.name, role: a.role, choice: a.actorId ?? '', newKind: 'organization' }))
    : (draft.actors ?? []).map((a) => ({
        name: '',
        role: a.role,
        choice: a.actorId,
        newKind: 'organization',
      }));

const SHOWN = [
  'kind',
  'title',
  'statement',
  'status',
  'amount.',
  'recurrence',
  'dueAt',
  'duePrecision',
  'tags',
  'actors.',
  'language',
  'citations.0.quote',
];

/** The item form, prefilled from a candidate's draft or a selected passage; *Record* creates it. */
export function RecordForm(props: {
  source: Source;
  draft: ItemDraft;
  actors: Candidate['actors'];
  candidate?: Candidate;
  /** After *Record*: the page stays on the source (issue #24) and says what was recorded. */
  onRecorded: (item: Item & { possibleDuplicates?: { id: string; title: string }[] }) => void;
}) {
  const { draft, source } = props;
  const [kind, setKind] = useState<ItemDraft['kind']>(draft.kind);
  const [rows, setRows] = useState(() => rowsFrom(draft, props.actors));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const quote = draft.citations[0]?.quote ?? '';

  const submit = async (e: Event) => {
    const f = formValues(e).one;
    setBusy(true);
    setError(null);
    try {
      // Checked before anything is created: a mistyped amount leaves no new actor behind.
      const money = f.amountValue
        ? {
            value: amountOrThrow(f.amountValue, 'amount.value'),
            ...(f.qualifier === 'between' ? { valueMax: amountOrThrow(f.valueMax, 'amount.valueMax') } : {}),
            currency: f.currency.trim().toUpperCase(),
            qualifier: f.qualifier,
          }
        : null;
      const actors = await resolveActors(rows);
      const body: ItemDraft = {
        ...draft,
        kind,
        language: f.language.trim() || draft.language,
        // The quote may be trimmed to the words that state it; the API checks it is in the source.
        citations: draft.citations.map((c, i) => (i === 0 ? { ...c, quote: f.quote.trim() || c.quote } : c)),
        title: f.title.trim(),
        statement: f.statement.trim(),
        status: f.status,
        tags: f.tags
          ? f.tags
              .split(',')
              .map((tag) => tag.trim())
              .filter(Boolean)
          : [],
        actors,
        dueAt: f.dueAt || null,
        ...(f.dueAt ? { duePrecision: f.duePrecision } : {}),
      };
      if (kind === 'commitment') {
        body.amount = money;
        body.recurrence = f.recurrence || null;
      } else {
        delete body.amount;
        delete body.recurrence;
      }
      props.onRecorded(await post<Item>('/v1/items', body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const amount = draft.amount;
  return (
    <form class="record" onSubmit={(e) => void submit(e)} aria-labelledby="record-h">
      <h3 id="record-h">{props.candidate ? t('record.candidateTitle') : t('source.newFromPassage')}</h3>
      <Field label={t('record.quote')} path="citations.0.quote" error={error} hint={t('record.quoteHint')}>
        {(p) => <textarea {...p} name="quote" rows={3} lang={source.language} defaultValue={quote} />}
      </Field>
      {props.candidate && props.candidate.cues.length > 0 && (
        <p class="hint">
          {t('record.cues')} <span lang={source.language}>{props.candidate.cues.join(' · ')}</span>
        </p>
      )}
      <div class="row">
        <Field label={t('record.kind')} path="kind" error={error}>
          {(p) => (
            <select
              {...p}
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as ItemDraft['kind'])}
            >
              {ITEM_KINDS.map((k) => (
                <option key={k} value={k}>
                  {label(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('record.status')} path="status" error={error}>
          {(p) => (
            <Select
              {...p}
              name="status"
              key={kind}
              initial={draft.kind === kind && draft.status ? draft.status : defaultStatus(kind)}
              options={statusScale(kind)}
            />
          )}
        </Field>
      </div>
      <Field label={t('record.title')} path="title" error={error}>
        {(p) => <input {...p} name="title" required defaultValue={props.candidate?.title ?? draft.title} />}
      </Field>
      <Field label={t('record.statement')} path="statement" error={error}>
        {(p) => <textarea {...p} name="statement" rows={3} required defaultValue={draft.statement} />}
      </Field>
      <Field label={t('record.language')} path="language" error={error} hint={t('record.languageHint')}>
        {(p) => <input {...p} name="language" size={5} required defaultValue={draft.language} />}
      </Field>
      {kind === 'commitment' && (
        <fieldset>
          <legend>{t('record.amount')}</legend>
          <div class="row">
            <Field label={t('record.value')} path="amount.value" error={error} hint={t('record.valueHint')}>
              {(p) => (
                <input
                  {...p}
                  name="amountValue"
                  inputMode="decimal"
                  defaultValue={amount?.value ? formatDecimal(amount.value) : ''}
                />
              )}
            </Field>
            <Field
              label={t('record.valueMax')}
              path="amount.valueMax"
              error={error}
              hint={t('record.valueMaxHint')}
            >
              {(p) => (
                <input
                  {...p}
                  name="valueMax"
                  inputMode="decimal"
                  size={14}
                  defaultValue={amount?.valueMax ? formatDecimal(amount.valueMax) : ''}
                />
              )}
            </Field>
            <Field label={t('record.currency')} path="amount.currency" error={error}>
              {(p) => (
                <input
                  {...p}
                  name="currency"
                  size={4}
                  defaultValue={amount?.currency ?? proposeCurrency(quote, source.language)}
                />
              )}
            </Field>
            <Field label={t('record.qualifier')} path="amount.qualifier" error={error}>
              {(p) => (
                <Select
                  {...p}
                  name="qualifier"
                  initial={amount?.qualifier ?? 'exactly'}
                  options={QUALIFIERS}
                />
              )}
            </Field>
            <Field label={t('record.recurrence')} path="recurrence" error={error}>
              {(p) => (
                <Select
                  {...p}
                  name="recurrence"
                  initial={draft.recurrence ?? ''}
                  options={[['', t('record.noRecurrence')], ...RECURRENCES]}
                />
              )}
            </Field>
          </div>
        </fieldset>
      )}
      <div class="row">
        <Field label={t('record.due')} path="dueAt" error={error}>
          {(p) => <input {...p} name="dueAt" type="date" defaultValue={draft.dueAt ?? ''} />}
        </Field>
        <Field label={t('record.duePrecision')} path="duePrecision" error={error}>
          {(p) => (
            <Select
              {...p}
              name="duePrecision"
              initial={draft.duePrecision ?? 'day'}
              options={DUE_PRECISIONS}
            />
          )}
        </Field>
        <Field label={t('record.tags')} path="tags" error={error} hint={t('record.tagsHint')}>
          {(p) => <input {...p} name="tags" defaultValue={(draft.tags ?? []).join(', ')} />}
        </Field>
      </div>
      <ActorRows rows={rows} setRows={setRows} error={error} />
      <ProblemMessage error={error} />
      <OtherFieldErrors error={error} shown={SHOWN} />
      <button type="submit" disabled={busy}>
        {t('record.submit')}
      </button>
    </form>
  );
}

/** The amount typed (`2 Md`, `2,000,000,000`) as the API's decimal, else a problem at its field. */
function amountOrThrow(text: string, path: string): string {
  const value = parseAmountInput(text, locale());
  if (value === null)
    throw new ApiError({ title: '', status: 422, errors: [{ path, message: 'not an amount' }] });
  return value;
}

/** Stored actors for chosen rows; `new` rows are created first (a name clash shows at its row). */
async function resolveActors(rows: ActorRow[]): Promise<{ actorId: string; role: string }[]> {
  const result: { actorId: string; role: string }[] = [];
  for (const [i, row] of rows.entries()) {
    if (!row.choice) continue;
    let actorId = row.choice;
    if (row.choice === 'new') {
      try {
        actorId = (await post<Actor>('/v1/actors', { name: row.name.trim(), kind: row.newKind })).id;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const errors = err.problem.errors?.length
          ? err.problem.errors.map((e) => ({ ...e, path: `actors.${i}.${e.path}` }))
          : [{ path: `actors.${i}.name`, message: err.problem.detail ?? err.problem.title }];
        throw new ApiError({ ...err.problem, errors });
      }
      row.choice = actorId;
    }
    result.push({ actorId, role: row.role });
  }
  return result;
}

function ActorRows({
  rows,
  setRows,
  error,
}: {
  rows: ActorRow[];
  setRows: (r: ActorRow[]) => void;
  error: unknown;
}) {
  const change = (i: number, patch: Partial<ActorRow>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset>
      <legend>{t('record.actors')}</legend>
      {rows.map((row, i) => (
        <ActorRowFields key={i} index={i} row={row} change={(p) => change(i, p)} error={error} />
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => setRows([...rows, { name: '', role: 'pledger', choice: '', newKind: 'organization' }])}
      >
        {t('record.addActor')}
      </button>
    </fieldset>
  );
}

function ActorRowFields(props: {
  index: number;
  row: ActorRow;
  change: (p: Partial<ActorRow>) => void;
  error: unknown;
}) {
  const { row, change, error, index } = props;
  const [matches, setMatches] = useState<Actor[]>([]);
  useEffect(() => {
    const q = row.name.trim();
    if (!q) return setMatches([]);
    const timer = setTimeout(() => {
      get<Page<Actor>>('/v1/actors', { q, limit: '10' }).then(
        (p) => setMatches(p.data),
        () => setMatches([]),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [row.name]);
  return (
    <div class="row actor-row">
      <Field label={t('record.actorName')} path={`actors.${index}.name`} error={error}>
        {(p) => <input {...p} value={row.name} onInput={(e) => change({ name: e.currentTarget.value })} />}
      </Field>
      <Field label={t('record.actor')} path={`actors.${index}.actorId`} error={error}>
        {(p) => (
          <select {...p} value={row.choice} onChange={(e) => change({ choice: e.currentTarget.value })}>
            <option value="">{t('record.notLinked')}</option>
            {row.choice && row.choice !== 'new' && !matches.some((m) => m.id === row.choice) && (
              <option value={row.choice}>{row.name || t('record.storedActor')}</option>
            )}
            {matches.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({label(m.kind)})
              </option>
            ))}
            {row.name.trim() && (
              <option value="new">{t('record.createActor', { name: row.name.trim() })}</option>
            )}
          </select>
        )}
      </Field>
      {row.choice === 'new' && (
        <Field label={t('record.newActorKind')} path={`actors.${index}.kind`} error={error}>
          {(p) => (
            <select {...p} value={row.newKind} onChange={(e) => change({ newKind: e.currentTarget.value })}>
              {ACTOR_KINDS.map((k) => (
                <option key={k} value={k}>
                  {label(k)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label={t('record.role')} path={`actors.${index}.role`} error={error}>
        {(p) => (
          <select {...p} value={row.role} onChange={(e) => change({ role: e.currentTarget.value })}>
            {ACTOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
