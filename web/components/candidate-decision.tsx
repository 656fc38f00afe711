import { useState } from 'preact/hooks';
import { post } from '../api';
import type { Candidate } from '../types';
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
  if (c.accepted) return <span class="decision accepted">accepted</span>;
  if (c.dismissed)
    return (
      <span class="decision dismissed">
        dismissed {formatDate(c.dismissed.at)}
        {c.dismissed.reason ? `: ${c.dismissed.reason}` : ''}
      </span>
    );
  if (!c.key) return null;
  if (!open)
    return (
      <button type="button" class="link" onClick={() => setOpen(true)}>
        Dismiss
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
        Reason (optional){' '}
        <input
          name="reason"
          maxLength={1000}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>{' '}
      <button type="submit" disabled={busy}>
        Dismiss
      </button>{' '}
      <button type="button" class="link" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error !== null && <ProblemMessage error={error} />}
    </form>
  );
}
