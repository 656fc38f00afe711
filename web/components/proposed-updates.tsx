import { useState } from 'preact/hooks';
import { post } from '../api';
import { formatMoney } from '../format';
import { t } from '../i18n';
import { href } from '../router';
import type { Candidate, ProposedUpdate } from '../types';
import { COMMITMENT_STATUSES } from '../../src/items/status-scales';
import { Field, formValues, label, ProblemMessage, Select, useAction } from './ui';

/**
 * On a later source: what a candidate's passage proposes for items already recorded. *Apply*
 * records the update as proposed; *Edit* opens it prefilled (status and note) first.
 */
export function ProposedUpdates({ candidate, onApplied }: { candidate: Candidate; onApplied: () => void }) {
  const proposals = candidate.proposedUpdates ?? [];
  if (!proposals.length) return null;
  return (
    <section aria-labelledby="proposed-h" class="proposed">
      <h3 id="proposed-h">{t('proposed.title')}</h3>
      {proposals.map((p) => (
        <Proposal key={p.itemId} proposal={p} onApplied={onApplied} />
      ))}
    </section>
  );
}

function Proposal({ proposal, onApplied }: { proposal: ProposedUpdate; onApplied: () => void }) {
  const [editing, setEditing] = useState(false);
  const { busy, error, run } = useAction();
  const { body } = proposal;
  const apply = (update: ProposedUpdate['body']) =>
    run(async () => {
      await post(`/v1/items/${proposal.itemId}/updates`, update);
      onApplied();
    });
  const submit = (e: Event) => {
    const f = formValues(e).one;
    const { status: _proposed, ...rest } = body;
    void apply({ ...rest, note: f.note.trim(), ...(f.status ? { status: f.status } : {}) });
  };
  return (
    <div class="proposal" data-testid="proposed-update">
      <p>
        <a href={href(`/items/${proposal.itemId}`)}>{t('proposed.recordedItem')}</a>
        {body.status && (
          <>
            {' '}
            → <span class={`status status-${body.status}`}>{label(body.status)}</span>
          </>
        )}
        {body.progress &&
          ` · ${t('proposed.delivered', { amount: formatMoney(body.progress.delivered.value, body.progress.delivered.currency) })}`}
      </p>
      {editing ? (
        <form onSubmit={submit} aria-label={t('proposed.editForm')}>
          <Field label={t('proposed.status')} path="status" error={error}>
            {(p) => (
              <Select
                {...p}
                name="status"
                initial={body.status ?? ''}
                options={[['', t('proposed.unchanged')], ...COMMITMENT_STATUSES]}
              />
            )}
          </Field>
          <Field label={t('proposed.note')} path="note" error={error}>
            {(p) => <textarea {...p} name="note" rows={2} required defaultValue={body.note} />}
          </Field>
          <button type="submit" disabled={busy}>
            {t('proposed.apply')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <p>
          <button type="button" disabled={busy} onClick={() => void apply(body)}>
            {t('proposed.apply')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setEditing(true)}>
            {t('proposed.edit')}
          </button>
        </p>
      )}
      <ProblemMessage error={error} />
    </div>
  );
}
