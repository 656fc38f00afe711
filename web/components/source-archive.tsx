import { useState } from 'preact/hooks';
import { download, get, Page, post } from '../api';
import { href } from '../router';
import type { Source } from '../types';
import { formatDate, ProblemMessage } from './ui';

interface Snapshot {
  id: string;
  contentType: string;
  fetchedAt: string;
}

interface Recheck {
  liveStatus: Source['liveStatus'];
  checkedAt: string | null;
  failure: string | null;
  citations: { id: string; itemId: string; stillPresent: boolean | null }[];
}

const STATUS_TEXT: Record<string, string> = {
  unchanged: 'the live page is as archived',
  changed: 'the live page has changed since it was archived',
  gone: 'the live page is gone (404 or 410)',
  unreachable: 'the live page could not be reached several times in a row',
};

/**
 * Beside a source's "original" link: its archived copy (saved as a file, so it never runs in the
 * workbench's origin), what the last recheck found, and a recheck on demand that lists the items
 * whose cited passage has left the live page.
 */
export function SourceArchive({ source }: { source: Source }) {
  const [result, setResult] = useState<Recheck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const status = result?.liveStatus ?? source.liveStatus;
  const checkedAt = result?.checkedAt ?? source.checkedAt;
  const archived = async () => {
    setError(null);
    try {
      const [latest] = (await get<Page<Snapshot>>(`/v1/sources/${source.id}/snapshots`, { limit: '1' })).data;
      if (!latest) return setError(new Error('No archived copy: this source was pasted, not fetched.'));
      const extension = latest.contentType.startsWith('application/pdf') ? 'pdf' : 'html';
      await download(
        `/v1/sources/${source.id}/snapshots/${latest.id}`,
        {},
        `archived-${latest.fetchedAt}.${extension}`,
      );
    } catch (err) {
      setError(err);
    }
  };
  const recheck = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await post<Recheck>(`/v1/sources/${source.id}/recheck`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const left = result?.citations.filter((c) => c.stillPresent === false) ?? [];
  return (
    <div class="source-archive">
      <p>
        <button type="button" class="link" onClick={() => void archived()}>
          archived copy
        </button>{' '}
        · Live page: {status ? STATUS_TEXT[status] : 'not rechecked yet'}
        {checkedAt && ` (checked ${formatDate(checkedAt)})`}{' '}
        <button type="button" onClick={() => void recheck()} disabled={busy} aria-busy={busy}>
          {busy ? 'Checking…' : 'Recheck now'}
        </button>
      </p>
      {result?.failure && <p role="status">This check failed: {result.failure}</p>}
      {left.length > 0 && (
        <div role="status">
          <p>These items quote a passage that has left the live page (they keep the archived text):</p>
          <ul>
            {[...new Set(left.map((c) => c.itemId))].map((itemId) => (
              <li key={itemId}>
                <a href={href(`/items/${itemId}`)}>Open the item</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ProblemMessage error={error} />
    </div>
  );
}
