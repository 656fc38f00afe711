import { useState } from 'preact/hooks';
import { ApiError, get, Page, post } from '../api';
import {
  Field,
  formatDate,
  formValues,
  formatMoney,
  label,
  OtherFieldErrors,
  ProblemMessage,
  Select,
  useLoad,
} from '../components/ui';
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
      <h2 id="timeline-h">Timeline</h2>
      <ProblemMessage error={updates.error} />
      <ol class="timeline">
        <li>
          <time>{formatDate(item.createdAt)}</time> recorded
        </li>
        {updates.data?.data.map((u) => (
          <Entry key={u.id} update={u} itemId={item.id} sources={props.sources} onRetracted={changed} />
        ))}
      </ol>
      <UpdateForm {...props} onAdded={changed} />
    </section>
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
          · {u.progress.stage ?? 'delivered'}{' '}
          {u.progress.delivered && formatMoney(u.progress.delivered.value, u.progress.delivered.currency)}
          {u.progress.period && ` for ${u.progress.period}`}
          {u.progress.percent !== null && ` (${u.progress.percent} %)`}
        </span>
      )}
      {u.evidence.map((e) => (
        <blockquote key={e.id} class="evidence">
          {e.quote ?? 'the whole source'} — {props.sources.get(e.sourceId)?.source.title ?? 'another source'}
        </blockquote>
      ))}
      <small class="hint">
        {' '}
        logged {formatDate(u.recordedAt)} by {u.recordedBy}
      </small>
    </>
  );
  return (
    <li class={u.retracted ? 'retracted' : undefined}>
      {u.retracted ? (
        <>
          <del>{body}</del>
          <p class="hint">
            Retracted {formatDate(u.retraction?.at)} by {u.retraction?.by}: {u.retraction?.reason}
          </p>
        </>
      ) : (
        body
      )}
      {!u.retracted && !retracting && (
        <button type="button" class="link" onClick={() => setRetracting(true)}>
          Retract
        </button>
      )}
      {retracting && !u.retracted && (
        <form class="inline-form" onSubmit={(e) => void retract(e)}>
          <Field label="Why retract it?" path="reason" error={error}>
            {(p) => <input {...p} name="reason" required />}
          </Field>
          <button type="submit">Retract</button>
          <button type="button" class="secondary" onClick={() => setRetracting(false)}>
            Cancel
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
    if (f.delivered)
      progress.delivered = { value: f.delivered.trim(), currency: f.currency.trim().toUpperCase() };
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
      <h3 id="update-h">Add an update</h3>
      <div class="row">
        <Field label="New status" path="status" error={error}>
          {(p) => (
            <select {...p} name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">no change</option>
              {statusScale(item.kind).map((s) => (
                <option key={s} value={s}>
                  {label(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Happened on" path="effectiveAt" error={error}>
          {(p) => <input {...p} name="effectiveAt" type="date" max={today} defaultValue={today} />}
        </Field>
      </div>
      <Field label="Note" path="note" error={error}>
        {(p) => <textarea {...p} name="note" rows={2} required />}
      </Field>
      {item.kind === 'commitment' && (
        <fieldset>
          <legend>Progress (optional)</legend>
          <div class="row">
            <Field
              label="Amount so far"
              path="progress.delivered.value"
              error={error}
              hint="Cumulative for the period"
            >
              {(p) => <input {...p} name="delivered" inputMode="decimal" />}
            </Field>
            <Field label="Currency" path="progress.delivered.currency" error={error}>
              {(p) => <input {...p} name="currency" size={4} defaultValue={item.amount?.currency ?? 'EUR'} />}
            </Field>
            <Field label="Stage" path="progress.stage" error={error}>
              {(p) => <Select {...p} name="stage" initial="delivered" options={PROGRESS_STAGES} />}
            </Field>
            <Field label="Period" path="progress.period" error={error} hint="2024, 2024-Q3 or 2024-07">
              {(p) => <input {...p} name="period" size={8} />}
            </Field>
            <Field label="Percent" path="progress.percent" error={error}>
              {(p) => <input {...p} name="percent" type="number" min={0} max={100} step="0.01" />}
            </Field>
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>Evidence{needsEvidence(status) ? ' (needed for this status)' : ''}</legend>
        {evidence.length === 0 && (
          <p class="hint">Select a passage above and choose “Use the selection as evidence”.</p>
        )}
        <ul class="evidence-list">
          {evidence.map((e, i) => (
            <li key={e.sourceId + e.quote}>
              <q>{e.quote}</q>{' '}
              <button
                type="button"
                class="link"
                onClick={() => setEvidence(evidence.filter((_, j) => j !== i))}
              >
                Remove
              </button>
              {error instanceof ApiError &&
                error.field(`evidence.${i}.`).map((m) => (
                  <span key={m} class="field-errors">
                    {' '}
                    {m}
                  </span>
                ))}
            </li>
          ))}
        </ul>
      </fieldset>
      <ProblemMessage error={error} />
      <OtherFieldErrors error={error} shown={SHOWN} />
      <button type="submit">Add update</button>
    </form>
  );
}
