import { useState } from 'preact/hooks';
import { ApiError, download, get, Page } from '../api';
import {
  endOfDay,
  Field,
  formValues,
  formatDate,
  formatMoney,
  label,
  Loading,
  ProblemMessage,
  Select,
  useLoad,
} from '../components/ui';
import { ACTOR_ROLES, CLAIM_STATUSES, COMMITMENT_STATUSES, ITEM_KINDS } from '../../src/items/status-scales';
import { href, navigate, paramsOf, Route } from '../router';
import type { Actor, Item } from '../types';

const SORTS = ['-createdAt', 'createdAt', '-updatedAt', 'updatedAt', 'dueAt', '-dueAt'];
const FILTERS = [
  'q',
  'kind',
  'status',
  'asOf',
  'actorId',
  'role',
  'tag',
  'dueAfter',
  'dueBefore',
  'staleDays',
  'sort',
];

/** The items list: every filter of GET /v1/items, kept in the address; CSV export of the same. */
export function ItemsPage({ route }: { route: Route }) {
  const filters = paramsOf(route.params);
  const query = { ...filters, asOf: filters.asOf ? endOfDay(filters.asOf) : undefined };
  const [more, setMore] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const actors = useLoad(() => get<Page<Actor>>('/v1/actors', { limit: '200' }), []);
  const list = useLoad(async () => {
    const page = await get<Page<Item>>('/v1/items', { ...query, limit: '50' });
    setMore([]);
    setCursor(page.nextCursor);
    return page.data;
  }, [route.params.toString()]);
  const loadMore = async () => {
    const page = await get<Page<Item>>('/v1/items', { ...query, limit: '50', cursor: cursor ?? '' });
    setMore([...more, ...page.data]);
    setCursor(page.nextCursor);
  };
  const apply = (e: Event) => {
    const { all } = formValues(e);
    const query: Record<string, string> = {};
    for (const name of FILTERS) {
      const values = all(name)
        .map((v) => v.trim())
        .filter(Boolean);
      if (values.length) query[name] = values.join(',');
    }
    navigate('/items', query);
  };
  const exportCsv = async () => {
    setExportError(null);
    try {
      await download('/v1/items/export', { ...query, format: 'csv' }, 'items.csv');
    } catch (err) {
      setExportError(err);
    }
  };
  const statuses = new Set((filters.status ?? '').split(','));
  const scale =
    filters.kind === 'claim'
      ? CLAIM_STATUSES
      : filters.kind === 'commitment'
        ? COMMITMENT_STATUSES
        : [...COMMITMENT_STATUSES, ...CLAIM_STATUSES];
  const error = list.error;
  return (
    <>
      <h1>Items</h1>
      <form
        class="filters items-filters"
        role="search"
        aria-label="Filter items"
        onSubmit={apply}
        key={route.params.toString()}
      >
        <Field label="Search" path="q" error={error} hint="Title, statement and quotes, French or English">
          {(p) => <input {...p} name="q" type="search" defaultValue={filters.q ?? ''} />}
        </Field>
        <Field label="Kind" path="kind" error={error}>
          {(p) => (
            <Select {...p} name="kind" initial={filters.kind ?? ''} options={[['', 'any'], ...ITEM_KINDS]} />
          )}
        </Field>
        <fieldset class="statuses">
          <legend>Status</legend>
          {scale.map((s) => (
            <label key={s} class="check">
              <input type="checkbox" name="status" value={s} defaultChecked={statuses.has(s)} /> {label(s)}
            </label>
          ))}
          <FieldErrorList error={error} path="status" />
        </fieldset>
        <Field label="Status as of" path="asOf" error={error} hint="With a status: as it stood then">
          {(p) => <input {...p} name="asOf" type="date" defaultValue={(filters.asOf ?? '').slice(0, 10)} />}
        </Field>
        <Field label="Actor" path="actorId" error={error}>
          {(p) => (
            <Select
              {...p}
              name="actorId"
              key={actors.data ? 'loaded' : 'loading'}
              initial={filters.actorId ?? ''}
              options={[['', 'any'], ...(actors.data?.data ?? []).map((a) => [a.id, a.name] as const)]}
            />
          )}
        </Field>
        <Field label="Role" path="role" error={error}>
          {(p) => (
            <Select {...p} name="role" initial={filters.role ?? ''} options={[['', 'any'], ...ACTOR_ROLES]} />
          )}
        </Field>
        <Field label="Tag" path="tag" error={error}>
          {(p) => <input {...p} name="tag" size={12} defaultValue={filters.tag ?? ''} />}
        </Field>
        <Field label="Due after" path="dueAfter" error={error}>
          {(p) => <input {...p} name="dueAfter" type="date" defaultValue={filters.dueAfter ?? ''} />}
        </Field>
        <Field label="Due before" path="dueBefore" error={error}>
          {(p) => <input {...p} name="dueBefore" type="date" defaultValue={filters.dueBefore ?? ''} />}
        </Field>
        <Field label="No update for (days)" path="staleDays" error={error}>
          {(p) => (
            <input
              {...p}
              name="staleDays"
              type="number"
              min={1}
              size={5}
              defaultValue={filters.staleDays ?? ''}
            />
          )}
        </Field>
        <Field label="Order" path="sort" error={error}>
          {(p) => (
            <Select
              {...p}
              name="sort"
              initial={filters.sort ?? ''}
              options={[
                ['', 'newest first (best match with a search)'],
                ...SORTS.map(
                  (s) =>
                    [s, s.startsWith('-') ? `${s.slice(1)}, latest first` : `${s}, earliest first`] as const,
                ),
              ]}
            />
          )}
        </Field>
        <div class="buttons">
          <button type="submit">Apply filters</button>
          <a class="button secondary" href={href('/items')}>
            Clear
          </a>
          <button type="button" class="secondary" onClick={() => void exportCsv()}>
            Export CSV
          </button>
        </div>
      </form>
      <ProblemMessage error={exportError} />
      <ProblemMessage error={error} />
      {list.loading && <Loading />}
      {list.data && <ItemTable items={[...list.data, ...more]} />}
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          More items
        </button>
      )}
    </>
  );
}

function FieldErrorList({ error, path }: { error: unknown; path: string }) {
  const messages = error instanceof ApiError ? error.field(path) : [];
  return messages.length ? (
    <ul class="field-errors">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  ) : null;
}

function ItemTable({ items }: { items: Item[] }) {
  if (!items.length) return <p>No item matches these filters.</p>;
  return (
    <table class="items">
      <caption class="sr-only">Items</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Amount</th>
          <th scope="col">Due</th>
          <th scope="col">Recorded</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.id}>
            <td>
              <a href={href(`/items/${i.id}`)} lang={i.language}>
                {i.title}
              </a>
            </td>
            <td>{i.kind}</td>
            <td>
              <span class={`status status-${i.status}`}>{label(i.status)}</span>
            </td>
            <td class="num">{i.amount ? formatMoney(i.amount.value, i.amount.currency) : '—'}</td>
            <td>{i.dueAt ?? '—'}</td>
            <td>{formatDate(i.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
