import { useState } from 'preact/hooks';
import { ApiError, download, get, Page } from '../api';
import {
  Amount,
  endOfDay,
  Field,
  fieldMessage,
  formValues,
  formatDate,
  label,
  Loading,
  ProblemMessage,
  Select,
  TableScroll,
  useLoad,
} from '../components/ui';
import { t } from '../i18n';
import { ACTOR_ROLES, CLAIM_STATUSES, COMMITMENT_STATUSES, ITEM_KINDS } from '../../src/items/status-scales';
import { href, navigate, paramsOf, Route } from '../router';
import type { Actor, Item } from '../types';

const SORTS = [
  ['-createdAt', 'items.sort.newest'],
  ['createdAt', 'items.sort.oldest'],
  ['-updatedAt', 'items.sort.recentlyUpdated'],
  ['updatedAt', 'items.sort.leastRecentlyUpdated'],
  ['dueAt', 'items.sort.dueSoonest'],
  ['-dueAt', 'items.sort.dueLatest'],
] as const;
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
      <h1>{t('items.title')}</h1>
      <form
        class="filters items-filters"
        role="search"
        aria-label={t('items.filter')}
        onSubmit={apply}
        key={route.params.toString()}
      >
        <Field label={t('items.search')} path="q" error={error} hint={t('items.searchHint')}>
          {(p) => <input {...p} name="q" type="search" defaultValue={filters.q ?? ''} />}
        </Field>
        <Field label={t('record.kind')} path="kind" error={error}>
          {(p) => (
            <Select
              {...p}
              name="kind"
              initial={filters.kind ?? ''}
              options={[['', t('common.any')], ...ITEM_KINDS]}
            />
          )}
        </Field>
        <fieldset class="statuses">
          <legend>{t('record.status')}</legend>
          {scale.map((s) => (
            <label key={s} class="check">
              <input type="checkbox" name="status" value={s} defaultChecked={statuses.has(s)} /> {label(s)}
            </label>
          ))}
          <FieldErrorList error={error} path="status" />
        </fieldset>
        <Field label={t('items.asOf')} path="asOf" error={error} hint={t('items.asOfHint')}>
          {(p) => <input {...p} name="asOf" type="date" defaultValue={(filters.asOf ?? '').slice(0, 10)} />}
        </Field>
        <Field label={t('record.actor')} path="actorId" error={error}>
          {(p) => (
            <Select
              {...p}
              name="actorId"
              key={actors.data ? 'loaded' : 'loading'}
              initial={filters.actorId ?? ''}
              options={[
                ['', t('common.any')],
                ...(actors.data?.data ?? []).map((a) => [a.id, a.name] as const),
              ]}
            />
          )}
        </Field>
        <Field label={t('record.role')} path="role" error={error}>
          {(p) => (
            <Select
              {...p}
              name="role"
              initial={filters.role ?? ''}
              options={[['', t('common.any')], ...ACTOR_ROLES]}
            />
          )}
        </Field>
        <Field label={t('items.tag')} path="tag" error={error}>
          {(p) => <input {...p} name="tag" size={12} defaultValue={filters.tag ?? ''} />}
        </Field>
        <Field label={t('items.dueAfter')} path="dueAfter" error={error}>
          {(p) => <input {...p} name="dueAfter" type="date" defaultValue={filters.dueAfter ?? ''} />}
        </Field>
        <Field label={t('items.dueBefore')} path="dueBefore" error={error}>
          {(p) => <input {...p} name="dueBefore" type="date" defaultValue={filters.dueBefore ?? ''} />}
        </Field>
        <Field label={t('items.staleDays')} path="staleDays" error={error}>
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
        <Field label={t('items.order')} path="sort" error={error}>
          {(p) => (
            <Select
              {...p}
              name="sort"
              initial={filters.sort ?? ''}
              options={[['', t('items.sort.default')], ...SORTS.map(([s, key]) => [s, t(key)] as const)]}
            />
          )}
        </Field>
        <div class="buttons">
          <button type="submit">{t('items.apply')}</button>
          <a class="button secondary" href={href('/items')}>
            {t('items.clear')}
          </a>
          <button type="button" class="secondary" onClick={() => void exportCsv()}>
            {t('items.export')}
          </button>
        </div>
      </form>
      <ProblemMessage error={exportError} />
      <ProblemMessage error={error} />
      {list.loading && <Loading />}
      {list.data && <ItemTable items={[...list.data, ...more]} />}
      {cursor && (
        <button type="button" onClick={() => void loadMore()}>
          {t('items.more')}
        </button>
      )}
    </>
  );
}

function FieldErrorList({ error, path }: { error: unknown; path: string }) {
  return error instanceof ApiError && error.field(path).length ? (
    <ul class="field-errors">
      <li>{fieldMessage(path)}</li>
    </ul>
  ) : null;
}

function ItemTable({ items }: { items: Item[] }) {
  if (!items.length) return <p>{t('items.none')}</p>;
  return (
    <TableScroll label={t('items.title')}>
      <table class="items">
        <caption class="sr-only">{t('items.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('record.title')}</th>
            <th scope="col">{t('record.kind')}</th>
            <th scope="col">{t('record.status')}</th>
            <th scope="col">{t('record.amount')}</th>
            <th scope="col">{t('record.due')}</th>
            <th scope="col">{t('items.recorded')}</th>
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
              <td>{label(i.kind)}</td>
              <td>
                <span class={`status status-${i.status}`}>{label(i.status)}</span>
              </td>
              <td class="num">
                {i.amount ? <Amount value={i.amount.value} currency={i.amount.currency} /> : '—'}
              </td>
              <td>{formatDate(i.dueAt)}</td>
              <td>{formatDate(i.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
