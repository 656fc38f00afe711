import { useRef, useState } from 'preact/hooks';
import { ApiError, get, Page, post } from '../api';
import {
  Field,
  formatDate,
  formValues,
  Loading,
  OtherFieldErrors,
  ProblemMessage,
  useAction,
  useLoad,
  label,
  TableScroll,
} from '../components/ui';
import { type Fetched, FetchedSummary, FetchSource } from '../components/fetch-source';
import { FileDrop } from '../components/file-drop';
import { languageName, SOURCE_LANGUAGES } from '../format';
import { t } from '../i18n';
import { SOURCE_KINDS } from '../../src/sources/source-kinds';
import { href, navigate, paramsOf, Route } from '../router';
import type { Source } from '../types';

/** Sources: search (kept in the address), and add one by its URL, by pasting it or with its file. */
export function SourcesPage({ route }: { route: Route }) {
  const filters = paramsOf(route.params);
  const [more, setMore] = useState<Source[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useLoad(async () => {
    const page = await get<Page<Source>>('/v1/sources', { ...filters, limit: '50' });
    setMore([]);
    setCursor(page.nextCursor);
    return page.data;
  }, [route.params.toString()]);
  const loadMore = async () => {
    const page = await get<Page<Source>>('/v1/sources', { ...filters, limit: '50', cursor: cursor ?? '' });
    setMore([...more, ...page.data]);
    setCursor(page.nextCursor);
  };
  const search = (e: Event) => {
    const { one } = formValues(e);
    navigate('/sources', Object.fromEntries(Object.entries(one).map(([k, v]) => [k, v.trim()])));
  };
  return (
    <>
      <h1>{t('sources.title')}</h1>
      <div class="columns">
        <section aria-labelledby="list-h">
          <h2 id="list-h">{t('sources.find')}</h2>
          <form class="filters" role="search" onSubmit={search} key={route.params.toString()}>
            <Field label={t('sources.words')}>
              {(p) => <input {...p} name="q" type="search" defaultValue={filters.q ?? ''} />}
            </Field>
            <Field label={t('sources.publisher')}>
              {(p) => <input {...p} name="publisher" defaultValue={filters.publisher ?? ''} />}
            </Field>
            <Field label={t('sources.language')}>
              {(p) => <LanguageSelect {...p} initial={filters.language ?? ''} anyLabel={t('common.any')} />}
            </Field>
            <button type="submit">{t('sources.search')}</button>
          </form>
          <ProblemMessage error={list.error} />
          {list.loading && <Loading />}
          {list.data && <SourceTable sources={[...list.data, ...more]} />}
          {cursor && (
            <button type="button" onClick={() => void loadMore()}>
              {t('sources.more')}
            </button>
          )}
        </section>
        <div>
          <FetchSource />
          <AddSource />
        </div>
      </div>
    </>
  );
}

function SourceTable({ sources }: { sources: Source[] }) {
  if (!sources.length) return <p>{t('sources.none')}</p>;
  return (
    <TableScroll label={t('sources.title')}>
      <table>
        <caption class="sr-only">{t('sources.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.columns.title')}</th>
            <th scope="col">{t('sources.publisher')}</th>
            <th scope="col">{t('sources.language')}</th>
            <th scope="col">{t('sources.columns.published')}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={href(`/sources/${s.id}`)} lang={s.language}>
                  {s.title}
                </a>
              </td>
              <td>{s.publisher ?? '—'}</td>
              <td>{languageName(s.language)}</td>
              <td>{formatDate(s.publishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const FIELDS = ['url', 'title', 'publisher', 'author', 'publishedAt', 'language', 'kind', 'text'];

/**
 * Add a source by pasting it — its URL, metadata and full text — or with its file instead of the
 * text (a PDF dropped on the form or chosen): the service reads the file, and the form shows what
 * it read, as the fetch form does, before the researcher opens the source and its candidates.
 * A known URL links to the stored source.
 */
function AddSource() {
  const { busy, error, run } = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<Fetched | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setRead(null);
    const fields = form.current?.elements;
    if (!chosen || !fields) return;
    // The file's name stands in for a title until one is typed; a PDF is most often a report.
    const title = fields.namedItem('title') as HTMLInputElement;
    if (!title.value.trim()) title.value = chosen.name.replace(/\.[^.]+$/, '');
    if (/pdf$/i.test(chosen.type || chosen.name))
      (fields.namedItem('kind') as HTMLSelectElement).value = 'report';
  };
  const submit = async (e: Event) => {
    const values = formValues(e).one;
    const body: Record<string, string> = {};
    for (const name of FIELDS)
      if (values[name]?.trim()) body[name] = name === 'text' ? values[name] : values[name].trim();
    if (body.publishedAt) body.publishedAt = `${body.publishedAt}T00:00:00Z`;
    await run(async () => {
      if (!file) {
        const source = await post<Source>('/v1/sources', body);
        navigate(`/sources/${source.id}`);
        return;
      }
      const multipart = new FormData();
      for (const [name, value] of Object.entries(body)) multipart.append(name, value);
      multipart.append('file', file);
      const source = await post<Source>('/v1/sources', multipart);
      const { text } = await get<{ text: string | null }>(`/v1/sources/${source.id}/text`);
      setRead({ source, text: text ?? '' });
    });
  };
  const existing = error instanceof ApiError ? error.problem.existingId : undefined;
  return (
    <section aria-labelledby="add-h">
      <h2 id="add-h">{t('sources.add.title')}</h2>
      <form ref={form} onSubmit={(e) => void submit(e)}>
        <FileDrop file={file} onFile={choose} error={error} />
        <Field label={t('sources.add.url')} path="url" error={error}>
          {(p) => <input {...p} name="url" type="url" required />}
        </Field>
        <Field label={t('sources.columns.title')} path="title" error={error}>
          {(p) => <input {...p} name="title" required />}
        </Field>
        <div class="row">
          <Field label={t('sources.publisher')} path="publisher" error={error}>
            {(p) => <input {...p} name="publisher" />}
          </Field>
          <Field label={t('sources.add.author')} path="author" error={error}>
            {(p) => <input {...p} name="author" />}
          </Field>
        </div>
        <div class="row">
          <Field label={t('sources.add.publishedOn')} path="publishedAt" error={error}>
            {(p) => <input {...p} name="publishedAt" type="date" />}
          </Field>
          <Field label={t('sources.language')} path="language" error={error}>
            {(p) => <LanguageSelect {...p} initial="" anyLabel={t('sources.add.chooseLanguage')} required />}
          </Field>
          <Field label={t('sources.add.kind')} path="kind" error={error}>
            {(p) => (
              <select {...p} name="kind">
                {SOURCE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {label(k)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {file ? (
          <p class="hint">{t('sources.add.textFromFile')}</p>
        ) : (
          <Field label={t('sources.add.text')} path="text" error={error} hint={t('sources.add.textHint')}>
            {(p) => <textarea {...p} name="text" rows={10} />}
          </Field>
        )}
        <ProblemMessage error={error} />
        {existing && <ExistingSource id={existing} />}
        <OtherFieldErrors error={error} shown={[...FIELDS, 'file']} />
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('sources.add.submit')}
        </button>
      </form>
      {read && <FetchedSummary {...read} />}
    </section>
  );
}

/** The source already stored at the address a person tried to add: its title, linked. */
function ExistingSource({ id }: { id: string }) {
  const stored = useLoad(() => get<Source>(`/v1/sources/${id}`), [id]);
  return (
    <p>
      {t('sources.add.existing')}{' '}
      <a href={href(`/sources/${id}`)} lang={stored.data?.language}>
        {stored.data?.title ?? t('sources.add.existingLink')}
      </a>
    </p>
  );
}

/** The languages a source is usually in, named in the interface's language. */
function LanguageSelect(props: {
  id?: string;
  initial: string;
  anyLabel: string;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const { initial, anyLabel, ...rest } = props;
  const codes =
    initial && !SOURCE_LANGUAGES.includes(initial) ? [initial, ...SOURCE_LANGUAGES] : SOURCE_LANGUAGES;
  return (
    <select {...rest} name="language">
      <option value="">{anyLabel}</option>
      {codes.map((code) => (
        <option key={code} value={code} selected={code === initial}>
          {languageName(code)}
        </option>
      ))}
    </select>
  );
}
