import { useState } from 'preact/hooks';
import { ApiError, get, Page, post } from '../api';
import { parseAmountInput } from '../amount-input';
import {
  Field,
  fieldMessage,
  formatDate,
  formValues,
  formatMoney,
  label,
  OtherFieldErrors,
  ProblemMessage,
  Select,
  useLoad,
} from '../components/ui';
import { formatPercent } from '../format';
import { locale, t } from '../i18n';
import { needsEvidence, PROGRESS_STAGES, statusScale } from '../../src/items/status-scales';
import type { Item, Source, Update } from '../types';
import type { Evidence } from './evidence';

interface Props {
  item: Item;
  sources: Map<string, { source: Source }>;
  evidence: Evidence[];
  setEvidence: (e: Evidence[]) => void;
  onChange: () => void;
}

/** The timeline (retracted entries struck through) and the form that adds to it. */
export function Timeline(props: Props) {
  const { item } = props;
  const updates = useLoad(
    () => get<Page<Update>>(`/v1/items/${item.id}/updates`, { limit: '200' }),
    [item.id, item.version, item.status],
  );
  const changed = () => {
    updates.reload();
    props.onChange();
  };
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('timeline.title')}</h2>
      <ProblemMessage error={updates.error} />
      <ol class="timeline">
        <InitialEntry item={item} sources={props.sources} />
        {inEffectiveOrder(updates.data?.data ?? []).map((u) => (
          <Entry key={u.id} update={u} itemId={item.id} sources={props.sources} onRetracted={changed} />
        ))}
      </ol>
      <UpdateForm {...props} onAdded={changed} />
    </section>
  );
}

/** Updates as they took effect (ties: the one recorded later comes later), as the status projects them. */
const inEffectiveOrder = (updates: Update[]) =>
  [...updates].sort(
    (a, b) =>
      Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt) ||
      Date.parse(a.recordedAt) - Date.parse(b.recordedAt),
  );

/**
 * The status the item was recorded with, first: it holds from the earliest publication of its
 * origin sources (from the recording when none has a date, or it lies after), docs/timeline.md.
 */
function InitialEntry({ item, sources }: { item: Item; sources: Props['sources'] }) {
  const recorded = Date.parse(item.createdAt);
  const published = (item.citations ?? [])
    .filter((c) => c.role === 'origin')
    .map((c) => Date.parse(sources.get(c.sourceId)?.source.publishedAt ?? ''))
    .filter((d) => d <= recorded);
  const since = new Date(published.length ? Math.min(...published) : recorded).toISOString();
  return (
    <li class="initial">
      <time dateTime={since}>{formatDate(since)}</time>{' '}
      <strong class={`status status-${item.initialStatus}`}>{label(item.initialStatus)}</strong>{' '}
      {t('timeline.initial')}
      <small class="hint"> {t('timeline.recordedOn', { date: formatDate(item.createdAt) })}</small>
    </li>
  );
}

function Entry(props: {
  update: Update;
  itemId: string;
  sources: Props['sources'];
  onRetracted: () => void;
}) {
  const { update: u } = props;
  const [retracting, setRetracting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const retract = async (e: Event) => {
    const reason = (formValues(e).one.reason ?? '').trim();
    try {
      await post(`/v1/items/${props.itemId}/updates/${u.id}/retract`, { reason });
      props.onRetracted();
    } catch (err) {
      setError(err);
    }
  };
  const body = (
    <>
      <time dateTime={u.effectiveAt}>{formatDate(u.effectiveAt)}</time>{' '}
      {u.status && <strong class={`status status-${u.status}`}>→ {label(u.status)}</strong>} {u.note}
      {u.progress && (
        <span class="progress">
          {' '}
          · {label(u.progress.stage ?? 'delivered')}{' '}
          {u.progress.delivered && formatMoney(u.progress.delivered.value, u.progress.delivered.currency)}
          {u.progress.period && ` ${t('timeline.forPeriod', { period: u.progress.period })}`}
          {u.progress.percent !== null && ` (${formatPercent(u.progress.percent)})`}
        </span>
      )}
      {u.evidence.map((e) => (
        <blockquote key={e.id} class="evidence">
          {e.quote ?? t('timeline.wholeSource')} —{' '}
          {props.sources.get(e.sourceId)?.source.title ?? t('timeline.otherSource')}
          {e.selectors?.page && `, ${t('item.page', { page: e.selectors.page })}`}
        </blockquote>
      ))}
      <small class="hint">
        {' '}
        {t('timeline.logged', { date: formatDate(u.recordedAt), by: u.recordedBy })}
      </small>
    </>
  );
  return (
    <li class={u.retracted ? 'retracted' : undefined}>
      {u.retracted ? (
        <>
          <del>{body}</del>
          <p class="hint">
            {t('timeline.retracted', {
              date: formatDate(u.retraction?.at),
              by: u.retraction?.by,
              reason: u.retraction?.reason,
            })}
          </p>
        </>
      ) : (
        body
      )}
      {!u.retracted && !retracting && (
        <button type="button" class="link" onClick={() => setRetracting(true)}>
          {t('timeline.retract')}
        </button>
      )}
      {retracting && !u.retracted && (
        <form class="inline-form" onSubmit={(e) => void retract(e)}>
          <Field label={t('timeline.why')} path="reason" error={error}>
            {(p) => <input {...p} name="reason" required />}
          </Field>
          <button type="submit">{t('timeline.retract')}</button>
          <button type="button" class="secondary" onClick={() => setRetracting(false)}>
            {t('common.cancel')}
          </button>
          <ProblemMessage error={error} />
        </form>
      )}
    </li>
  );
}

const SHOWN = ['status', 'effectiveAt', 'note', 'progress.', 'evidence.'];

function UpdateForm(props: Props & { onAdded: () => void }) {
  const { item, evidence, setEvidence } = props;
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [formKey, setFormKey] = useState(0);
  const today = new Date().toISOString().slice(0, 10);
  const submit = async (e: Event) => {
    const f = formValues(e).one;
    const body: Record<string, unknown> = { note: f.note.trim() };
    if (f.status) body.status = f.status;
    if (f.effectiveAt && f.effectiveAt !== today) body.effectiveAt = `${f.effectiveAt}T00:00:00Z`;
    const progress: Record<string, unknown> = {};
    const delivered = f.delivered ? parseAmountInput(f.delivered, locale()) : null;
    if (f.delivered && delivered === null) {
      const errors = [{ path: 'progress.delivered.value', message: 'not an amount' }];
      return setError(new ApiError({ title: '', status: 422, errors }));
    }
    if (delivered) progress.delivered = { value: delivered, currency: f.currency.trim().toUpperCase() };
    if (f.delivered && f.stage !== 'delivered') progress.stage = f.stage;
    if (f.period) progress.period = f.period.trim();
    if (f.percent) progress.percent = Number(f.percent);
    if (Object.keys(progress).length) body.progress = progress;
    if (evidence.length) body.evidence = evidence;
    setError(null);
    try {
      await post(`/v1/items/${item.id}/updates`, body);
      setEvidence([]);
      setStatus('');
      setFormKey((k) => k + 1);
      props.onAdded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form key={formKey} class="update-form" onSubmit={(e) => void submit(e)} aria-labelledby="update-h">
      <h3 id="update-h">{t('timeline.addTitle')}</h3>
      <div class="row">
        <Field label={t('timeline.newStatus')} path="status" error={error}>
          {(p) => (
            <select {...p} name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">{t('timeline.noChange')}</option>
              {statusScale(item.kind).map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('timeline.happenedOn')} path="effectiveAt" error={error}>
          {(p) => <input {...p} name="effectiveAt" type="date" max={today} defaultValue={today} />}
        </Field>
      </div>
      <Field label={t('timeline.note')} path="note" error={error}>
        {(p) => <textarea {...p} name="note" rows={2} required />}
      </Field>
      {item.kind === 'commitment' && (
        <fieldset>
          <legend>{t('timeline.progress')}</legend>
          <div class="row">
            <Field
              label={t('timeline.soFar')}
              path="progress.delivered.value"
              error={error}
              hint={t('timeline.soFarHint')}
            >
              {(p) => <input {...p} name="delivered" inputMode="decimal" />}
            </Field>
            <Field label={t('record.currency')} path="progress.delivered.currency" error={error}>
              {(p) => <input {...p} name="currency" size={4} defaultValue={item.amount?.currency ?? 'EUR'} />}
            </Field>
            <Field label={t('timeline.stage')} path="progress.stage" error={error}>
              {(p) => <Select {...p} name="stage" initial="delivered" options={PROGRESS_STAGES} />}
            </Field>
            <Field
              label={t('timeline.period')}
              path="progress.period"
              error={error}
              hint={t('timeline.periodHint')}
            >
              {(p) => <input {...p} name="period" size={8} />}
            </Field>
            <Field label={t('timeline.percent')} path="progress.percent" error={error}>
              {(p) => <input {...p} name="percent" type="number" min={0} max={100} step="0.01" />}
            </Field>
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>{needsEvidence(status) ? t('timeline.evidenceNeeded') : t('timeline.evidence')}</legend>
        {evidence.length === 0 && <p class="hint">{t('timeline.evidenceHint')}</p>}
        <ul class="evidence-list">
          {evidence.map((e, i) => (
            <li key={e.sourceId + e.quote}>
              <q>{e.quote}</q>{' '}
              <button
                type="button"
                class="link"
                onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}
              >
                {t('common.remove')}
              </button>
              {error instanceof ApiError && error.field(`evidence.${i}.`).length > 0 && (
                <span class="field-errors"> {fieldMessage(`evidence.${i}.quote`)}</span>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      <ProblemMessage error={error} />
      <OtherFieldErrors error={error} shown={SHOWN} />
      <button type="submit">{t('timeline.submit')}</button>
    </form>
  );
}
