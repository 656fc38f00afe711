import { useState } from 'preact/hooks';
import { ApiError, get, Page, post } from '../api';
import {
  Field,
  formatDate,
  formValues,
  Loading,
  OtherFieldErrors,
  ProblemMessage,
  useLoad,
  label,
} from '../components/ui';
import { FetchSource } from '../components/fetch-source';
import { SOURCE_KINDS } from '../../src/sources/source-kinds';
import { href, navigate, paramsOf, Route } from '../router';
import type { Source } from '../types';

/** Sources: search (kept in the address) and add one by pasting it. */
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
      <h1>Sources</h1>
      <div class="columns">
        <section aria-labelledby="list-h">
          <h2 id="list-h">Find a source</h2>
          <form class="filters" role="search" onSubmit={search} key={route.params.toString()}>
            <Field label="Words in the title, publisher or author">
              {(p) => <input {...p} name="q" type="search" defaultValue={filters.q ?? ''} />}
            </Field>
            <Field label="Publisher">
              {(p) => <input {...p} name="publisher" defaultValue={filters.publisher ?? ''} />}
            </Field>
            <Field label="Language" hint="fr, en, uk…">
              {(p) => <input {...p} name="language" size={6} defaultValue={filters.language ?? ''} />}
            </Field>
            <button type="submit">Search</button>
          </form>
          <ProblemMessage error={list.error} />
          {list.loading && <Loading />}
          {list.data && <SourceTable sources={[...list.data, ...more]} />}
          {cursor && (
            <button type="button" onClick={() => void loadMore()}>
              More sources
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
  if (!sources.length) return <p>No source matches.</p>;
  return (
    <table>
      <caption class="sr-only">Sources</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Publisher</th>
          <th scope="col">Language</th>
          <th scope="col">Published</th>
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
            <td>{s.language}</td>
            <td>{formatDate(s.publishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIELDS = ['url', 'title', 'publisher', 'author', 'publishedAt', 'language', 'kind', 'text'];

/** Paste a source: its URL, metadata and full text. A known URL links to the stored source. */
function AddSource() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    const form = formValues(e).one;
    const body: Record<string, string> = {};
    for (const name of FIELDS)
      if (form[name]?.trim()) body[name] = name === 'text' ? form[name] : form[name].trim();
    if (body.publishedAt) body.publishedAt = `${body.publishedAt}T00:00:00Z`;
    setBusy(true);
    setError(null);
    try {
      const source = await post<Source>('/v1/sources', body);
      navigate(`/sources/${source.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const existing = error instanceof ApiError ? error.problem.existingId : undefined;
  return (
    <section aria-labelledby="add-h">
      <h2 id="add-h">Add a source</h2>
      <form onSubmit={(e) => void submit(e)}>
        <Field label="URL" path="url" error={error}>
          {(p) => <input {...p} name="url" type="url" required />}
        </Field>
        <Field label="Title" path="title" error={error}>
          {(p) => <input {...p} name="title" required />}
        </Field>
        <div class="row">
          <Field label="Publisher" path="publisher" error={error}>
            {(p) => <input {...p} name="publisher" />}
          </Field>
          <Field label="Author" path="author" error={error}>
            {(p) => <input {...p} name="author" />}
          </Field>
        </div>
        <div class="row">
          <Field label="Published on" path="publishedAt" error={error}>
            {(p) => <input {...p} name="publishedAt" type="date" />}
          </Field>
          <Field label="Language" path="language" error={error} hint="BCP 47: fr, en, uk">
            {(p) => <input {...p} name="language" required size={6} />}
          </Field>
          <Field label="Kind" path="kind" error={error}>
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
        <Field label="Full text" path="text" error={error} hint="Pasted as is; it cannot be changed later.">
          {(p) => <textarea {...p} name="text" rows={10} />}
        </Field>
        <ProblemMessage error={error} />
        {existing && (
          <p>
            <a href={href(`/sources/${existing}`)}>Open the source already stored for this URL</a>
          </p>
        )}
        <OtherFieldErrors error={error} shown={FIELDS} />
        <button type="submit" disabled={busy}>
          Add source
        </button>
      </form>
    </section>
  );
}
