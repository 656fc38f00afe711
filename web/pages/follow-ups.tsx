import { useState } from 'preact/hooks';
import { get, Page, post } from '../api';
import { endOfDay, Field, formValues, formatDate, label, ProblemMessage, useLoad } from '../components/ui';
import { t } from '../i18n';
import type { FollowUp } from '../types';

/** The item's follow-ups: complete, snooze, and schedule a new one. */
export function FollowUps({ itemId }: { itemId: string }) {
  const list = useLoad(() => get<Page<FollowUp>>('/v1/follow-ups', { itemId, limit: '100' }), [itemId]);
  const [error, setError] = useState<unknown>(null);
  const [formKey, setFormKey] = useState(0);
  const act = async (path: string, body: unknown) => {
    setError(null);
    try {
      await post(path, body);
      list.reload();
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  const add = async (e: Event) => {
    const f = formValues(e).one;
    const body: Record<string, string> = { dueAt: f.dueAt ? endOfDay(f.dueAt) : '', note: f.note.trim() };
    if (f.assignee.trim()) body.assignee = f.assignee.trim();
    if (await act(`/v1/items/${itemId}/follow-ups`, body)) setFormKey((k) => k + 1);
  };
  const open = list.data?.data.filter((f) => f.state === 'scheduled' || f.state === 'notified') ?? [];
  const closed = list.data?.data.filter((f) => f.state === 'done' || f.state === 'cancelled') ?? [];
  return (
    <section aria-labelledby="followups-h">
      <h2 id="followups-h">{t('followUps.title')}</h2>
      <ProblemMessage error={list.error} />
      {open.length === 0 && <p>{t('followUps.none')}</p>}
      <ul class="follow-ups">
        {open.map((f) => (
          <OpenFollowUp key={f.id} followUp={f} act={act} />
        ))}
        {closed.map((f) => (
          <li key={f.id} class="closed">
            <time dateTime={f.dueAt}>{formatDate(f.dueAt)}</time> {f.note} — {label(f.state)}
          </li>
        ))}
      </ul>
      <form key={formKey} class="inline-form" onSubmit={(e) => void add(e)} aria-labelledby="newfu-h">
        <h3 id="newfu-h">{t('followUps.scheduleTitle')}</h3>
        <div class="row">
          <Field label={t('followUps.dueOn')} path="dueAt" error={error}>
            {(p) => <input {...p} name="dueAt" type="date" required />}
          </Field>
          <Field
            label={t('followUps.assignee')}
            path="assignee"
            error={error}
            hint={t('followUps.assigneeHint')}
          >
            {(p) => <input {...p} name="assignee" />}
          </Field>
        </div>
        <Field label={t('followUps.what')} path="note" error={error}>
          {(p) => <input {...p} name="note" required />}
        </Field>
        <button type="submit">{t('followUps.schedule')}</button>
      </form>
      <ProblemMessage error={error} />
    </section>
  );
}

function OpenFollowUp({
  followUp: f,
  act,
}: {
  followUp: FollowUp;
  act: (path: string, body: unknown) => Promise<boolean>;
}) {
  const [until, setUntil] = useState('');
  const overdue = new Date(f.dueAt).getTime() < Date.now();
  return (
    <li class={overdue ? 'overdue' : undefined}>
      <time dateTime={f.dueAt}>{formatDate(f.dueAt)}</time> {overdue && <strong>{label('overdue')}</strong>}{' '}
      {f.note}
      {f.assignee && ` · ${f.assignee}`} · {label(f.state)}
      <div class="actions">
        <button type="button" onClick={() => void act(`/v1/follow-ups/${f.id}/complete`, {})}>
          {t('followUps.complete')}
        </button>
        <label class="sr-only" for={`snooze-${f.id}`}>
          {t('followUps.snoozeUntil')}
        </label>
        <input
          id={`snooze-${f.id}`}
          type="date"
          value={until}
          onInput={(e) => setUntil(e.currentTarget.value)}
        />
        <button
          type="button"
          disabled={!until}
          onClick={() => void act(`/v1/follow-ups/${f.id}/snooze`, { until: endOfDay(until) })}
        >
          {t('followUps.snooze')}
        </button>
      </div>
    </li>
  );
}
