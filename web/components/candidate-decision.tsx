import { useState } from 'preact/hooks';
import { post } from '../api';
import type { Candidate } from '../types';
import { t } from '../i18n';
import { formatDate, ProblemMessage } from './ui';

/**
 * What reviewers decided about one candidate: "accepted" (an item records it) or "dismissed"
 * (with its reason), or else a *Dismiss* control with an optional reason. `changed` reloads the list.
 */
export function CandidateDecision(props: { sourceId: string; candidate: Candidate; changed: () => void }) {
  const { candidate: c, sourceId } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (c.accepted) return <span class="decision accepted">{t('decision.accepted')}</span>;
  if (c.dismissed)
    return (
      <span class="decision dismissed">
        {c.dismissed.reason
          ? t('decision.dismissedBecause', { date: formatDate(c.dismissed.at), reason: c.dismissed.reason })
          : t('decision.dismissed', { date: formatDate(c.dismissed.at) })}
      </span>
    );
  if (!c.key) return null;
  if (!open)
    return (
      <button type="button" class="link" onClick={() => setOpen(true)}>
        {t('decision.dismiss')}
      </button>
    );
  const dismiss = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = reason.trim() ? { reason: reason.trim() } : {};
      await post(`/v1/sources/${sourceId}/candidates/${c.key}/dismiss`, body);
      props.changed();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form class="dismiss" onSubmit={(e) => void dismiss(e)}>
      <label>
        {t('decision.reason')}{' '}
        <input
          name="reason"
          maxLength={1000}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>{' '}
      <button type="submit" disabled={busy}>
        {t('decision.dismiss')}
      </button>{' '}
      <button type="button" class="link" onClick={() => setOpen(false)}>
        {t('decision.cancel')}
      </button>
      {error !== null && <ProblemMessage error={error} />}
    </form>
  );
}
