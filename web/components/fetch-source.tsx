import { useState } from 'preact/hooks';
import { ApiError, get, post } from '../api';
import { formatNumber, languageName } from '../format';
import { t } from '../i18n';
import { href } from '../router';
import type { Source } from '../types';
import { Field, formatDate, formValues, ProblemMessage, useAction } from './ui';

export interface Fetched {
  source: Source;
  text: string;
}

/**
 * Add a source by its URL (a page or a PDF): the service fetches and archives it, and this shows
 * what it read — metadata and the start of the text — so the researcher can check it before
 * working on it (metadata can be corrected on the source's page; the text stays as read).
 */
export function FetchSource() {
  const { busy, error, run } = useAction();
  const [fetched, setFetched] = useState<Fetched | null>(null);
  const submit = async (e: Event) => {
    const { url, language } = formValues(e).one;
    setFetched(null);
    await run(async () => {
      const source = await post<Source>('/v1/sources/fetch', {
        url: url.trim(),
        ...(language.trim() ? { language: language.trim() } : {}),
      });
      const { text } = await get<{ text: string | null }>(`/v1/sources/${source.id}/text`);
      setFetched({ source, text: text ?? '' });
    });
  };
  const existing = error instanceof ApiError ? error.problem.existingId : undefined;
  return (
    <section aria-labelledby="fetch-h">
      <h2 id="fetch-h">{t('fetchSource.title')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <Field label={t('fetchSource.url')} path="url" error={error}>
          {(p) => <input {...p} name="url" type="url" required />}
        </Field>
        <Field
          label={t('fetchSource.language')}
          path="language"
          error={error}
          hint={t('fetchSource.languageHint')}
        >
          {(p) => <input {...p} name="language" size={6} />}
        </Field>
        <ProblemMessage error={error} />
        {existing && (
          <p>
            <a href={href(`/sources/${existing}`)}>{t('fetchSource.existing')}</a>
          </p>
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          {busy ? t('fetchSource.fetching') : t('fetchSource.submit')}
        </button>
      </form>
      {fetched && <FetchedSummary {...fetched} />}
    </section>
  );
}

/**
 * What the service read from a fetched page or an uploaded file: its metadata, its number of pages
 * when it has pages (a PDF's are separated by form feeds), the start of its text, and the way on
 * to the source's page and its candidates.
 */
export function FetchedSummary({ source, text }: Fetched) {
  const pages = text.includes('\f') ? text.split('\f').length : null;
  const rows: [string, string | null][] = [
    ['fetchSource.fields.title', source.title],
    ['fetchSource.fields.author', source.author],
    ['fetchSource.fields.publisher', source.publisher],
    ['fetchSource.fields.published', source.publishedAt ? formatDate(source.publishedAt) : null],
    ['fetchSource.fields.language', source.language ? languageName(source.language) : null],
    ...(pages === null ? [] : [['fetchSource.fields.pages', formatNumber(pages)] as [string, string]]),
  ];
  const start = text.length > 600 ? `${text.slice(0, 600)}…` : text;
  return (
    <div class="fetched" role="status">
      <h3>{t('fetchSource.read')}</h3>
      <dl>
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value ?? '—'}</dd>
          </div>
        ))}
      </dl>
      <blockquote lang={source.language} class="excerpt">
        {start.replace(/\f/g, '\n\n')}
      </blockquote>
      <p>
        <a href={href(`/sources/${source.id}`)}>{t('fetchSource.looksRight')}</a>
      </p>
    </div>
  );
}
