import { useState } from 'preact/hooks';
import { download, get, Page, post } from '../api';
import { t } from '../i18n';
import { href } from '../router';
import type { Source } from '../types';
import { formatDate, ProblemMessage, useAction } from './ui';

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
  unchanged: 'archive.status.unchanged',
  changed: 'archive.status.changed',
  gone: 'archive.status.gone',
  unreachable: 'archive.status.unreachable',
};

/**
 * Beside a source's "original" link: its archived copy (saved as a file, so it never runs in the
 * workbench's origin), what the last recheck found, and a recheck on demand that lists the items
 * whose cited passage has left the live page.
 */
export function SourceArchive({ source }: { source: Source }) {
  const [result, setResult] = useState<Recheck | null>(null);
  const { busy, error, setError, run } = useAction();
  const [noCopy, setNoCopy] = useState(false);
  const status = result?.liveStatus ?? source.liveStatus;
  const checkedAt = result?.checkedAt ?? source.checkedAt;
  const archived = async () => {
    setError(null);
    setNoCopy(false);
    try {
      const [latest] = (await get<Page<Snapshot>>(`/v1/sources/${source.id}/snapshots`, { limit: '1' })).data;
      if (!latest) return setNoCopy(true);
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
  const recheck = () => run(async () => setResult(await post<Recheck>(`/v1/sources/${source.id}/recheck`)));
  const left = result?.citations.filter((c) => c.stillPresent === false) ?? [];
  return (
    <div class="source-archive">
      <p>
        <button type="button" class="link" onClick={() => void archived()}>
          {t('archive.copy')}
        </button>{' '}
        · {t('archive.live')} {t(status ? STATUS_TEXT[status] : 'archive.status.never')}
        {checkedAt && ` ${t('archive.checked', { date: formatDate(checkedAt) })}`}{' '}
        <button type="button" onClick={() => void recheck()} disabled={busy} aria-busy={busy}>
          {busy ? t('archive.checking') : t('archive.recheck')}
        </button>
      </p>
      {noCopy && <p role="status">{t('archive.noCopy')}</p>}
      {result?.failure && <p role="status">{t('archive.failed')}</p>}
      {left.length > 0 && (
        <div role="status">
          <p>{t('archive.left')}</p>
          <ul>
            {[...new Set(left.map((c) => c.itemId))].map((itemId) => (
              <li key={itemId}>
                <a href={href(`/items/${itemId}`)}>{t('archive.openItem')}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ProblemMessage error={error} />
    </div>
  );
}
