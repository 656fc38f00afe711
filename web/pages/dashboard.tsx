import type { ComponentChildren } from 'preact';
import { get, Page } from '../api';
import { ChartView } from '../components/chart';
import {
  Amount,
  endOfDay,
  Field,
  formValues,
  formatDate,
  label,
  Loading,
  ProblemMessage,
  TableScroll,
  useLoad,
} from '../components/ui';
import { formatMoney, formatMoneyCompact, formatMonth, formatNumber } from '../format';
import { t } from '../i18n';
import { href, navigate, paramsOf, Route } from '../router';
import type { ActivityRow, AmountRow, FollowUp, FollowUpCounts, StatusCounts } from '../types';

const STATUS_COLOURS: Record<string, string> = {
  proposed: '#7a8ba8',
  agreed: '#2f6fb5',
  in_progress: '#3f9b8f',
  fulfilled: '#2e8540',
  partially_fulfilled: '#8aa83c',
  stalled: '#d08a1e',
  broken: '#b3261e',
  withdrawn: '#5c5c5c',
  unverified: '#7a8ba8',
  confirmed: '#2e8540',
  misleading: '#d08a1e',
  disputed: '#8e5bb0',
  refuted: '#b3261e',
};

/** Dashboard: statuses now and as of a date, money per period, activity, overdue follow-ups. */
export function Dashboard({ route }: { route: Route }) {
  const params = paramsOf(route.params);
  const asOf = params.asOf ?? '';
  const currency = (params.currency ?? 'EUR').toUpperCase();
  const apply = (e: Event) => {
    const f = formValues(e).one;
    navigate(
      '/dashboard',
      { asOf: f.asOf || undefined, currency: f.currency.trim().toUpperCase() || undefined },
      true,
    );
  };
  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <form
        class="filters"
        onSubmit={apply}
        key={route.params.toString()}
        aria-label={t('dashboard.settings')}
      >
        <Field label={t('dashboard.compare')} hint={t('dashboard.compareHint')}>
          {(p) => <input {...p} name="asOf" type="date" defaultValue={asOf} />}
        </Field>
        <Field label={t('record.currency')}>
          {(p) => <input {...p} name="currency" size={4} defaultValue={currency} />}
        </Field>
        <button type="submit">{t('dashboard.show')}</button>
      </form>
      <div class="grid">
        <StatusPanel kind="commitment" asOf={asOf} />
        <StatusPanel kind="claim" asOf={asOf} />
        <AmountsPanel currency={currency} />
        <ActivityPanel />
        <FollowUpsPanel />
      </div>
    </>
  );
}

function StatusPanel({ kind, asOf }: { kind: 'claim' | 'commitment'; asOf: string }) {
  const counts = useLoad(
    () =>
      Promise.all([
        get<StatusCounts>('/v1/stats/status', { kind }),
        asOf ? get<StatusCounts>('/v1/stats/status', { kind, asOf: endOfDay(asOf) }) : Promise.resolve(null),
      ]),
    [kind, asOf],
  );
  const title = kind === 'commitment' ? t('dashboard.commitments') : t('dashboard.claims');
  const id = `status-${kind}`;
  if (!counts.data) return <Panel id={id} title={title} error={counts.error} />;
  const [now, then] = counts.data;
  const statuses = Object.keys(now.byStatus);
  const itemsHref = (status: string, at?: string) => href('/items', { kind, status, asOf: at });
  const series = [
    {
      label: t('dashboard.now'),
      values: statuses.map((s) => now.byStatus[s]),
      colour: then ? '#2f6fb5' : statuses.map((s) => STATUS_COLOURS[s] ?? '#2f6fb5'),
    },
  ];
  if (then)
    series.push({
      label: t('dashboard.asOf', { date: formatDate(asOf) }),
      values: statuses.map((s) => then.byStatus[s] ?? 0),
      colour: '#d08a1e',
    });
  return (
    <Panel id={id} title={title}>
      <ChartView
        type="bar"
        labels={statuses.map(label)}
        series={series}
        description={`${title}: ${statuses.map((s) => `${label(s)} ${formatNumber(now.byStatus[s])}`).join(', ')}`}
        onPick={(i, serie) =>
          navigate('/items', { kind, status: statuses[i], asOf: serie === 1 ? asOf : undefined })
        }
      />
      <TableScroll label={title}>
        <table class="numbers" data-testid={`${kind}-statuses`}>
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('record.status')}</th>
              <th scope="col">{t('dashboard.nowTotal', { total: formatNumber(now.total) })}</th>
              {then && (
                <th scope="col">
                  {t('dashboard.asOfTotal', { date: formatDate(asOf), total: formatNumber(then.total) })}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {statuses.map((s) => (
              <tr key={s}>
                <th scope="row">{label(s)}</th>
                <td class="num">
                  <a href={itemsHref(s)}>{formatNumber(now.byStatus[s])}</a>
                </td>
                {then && (
                  <td class="num">
                    <a href={itemsHref(s, asOf)}>{formatNumber(then.byStatus[s] ?? 0)}</a>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Panel>
  );
}

/** The money stages each row may carry; committed and allocated only where the server counts them. */
const STAGES = [
  ['pledged', '#7a8ba8'],
  ['committed', '#2f6fb5'],
  ['allocated', '#3f9b8f'],
  ['delivered', '#2e8540'],
] as const;

function AmountsPanel({ currency }: { currency: string }) {
  const rows = useLoad(
    () => get<{ data: AmountRow[] }>('/v1/stats/amounts', { currency, groupBy: 'period' }),
    [currency],
  );
  const title = t('dashboard.amounts', { currency });
  if (!rows.data) return <Panel id="amounts" title={title} error={rows.error} />;
  const data = rows.data.data
    .filter((r) => r.currency === currency)
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
  const stages = STAGES.filter(([key]) => data.some((r) => r[key] !== undefined));
  const periods = data.map((r) => r.key ?? '—');
  const commitments = href('/items', { kind: 'commitment' });
  return (
    <Panel id="amounts" title={title}>
      {data.length === 0 ? (
        <p>{t('dashboard.noAmount', { currency })}</p>
      ) : (
        <>
          <ChartView
            type="bar"
            labels={periods}
            series={stages.map(([key, colour]) => ({
              label: label(key),
              colour,
              values: data.map((r) => Number(r[key] ?? 0)),
            }))}
            description={`${title}: ${data
              .map((r) =>
                stages
                  .map(([key]) => `${r.key} ${label(key)} ${formatMoney(r[key] ?? '0', currency)}`)
                  .join(', '),
              )
              .join('; ')}`}
            tick={(n) => formatMoneyCompact(n, currency)}
            exact={(n) => formatMoney(String(n), currency)}
            onPick={() => navigate('/items', { kind: 'commitment' })}
          />
          <TableScroll label={title}>
            <table class="numbers">
              <caption class="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.period')}</th>
                  {stages.map(([key]) => (
                    <th key={key} scope="col">
                      {label(key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.key}</th>
                    {stages.map(([key]) => (
                      <td key={key} class="num">
                        <Amount value={r[key] ?? '0'} currency={currency} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <p>
            <a href={commitments}>{t('dashboard.commitmentsLink')}</a>
          </p>
        </>
      )}
    </Panel>
  );
}

function monthsAgo(n: number): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1)).toISOString();
}

function ActivityPanel() {
  const activity = useLoad(
    () =>
      get<{ data: ActivityRow[] }>('/v1/stats/activity', {
        interval: 'month',
        from: monthsAgo(35),
        to: new Date().toISOString(),
      }),
    [],
  );
  const title = t('dashboard.activity');
  if (!activity.data) return <Panel id="activity" title={title} error={activity.error} />;
  const rows = activity.data.data;
  const months = rows.map((r) => formatMonth(r.period));
  return (
    <Panel id="activity" title={title}>
      <ChartView
        type="bar"
        labels={months}
        series={[
          { label: t('dashboard.updates'), values: rows.map((r) => r.updates), colour: '#2f6fb5' },
          {
            label: t('dashboard.statusChanges'),
            values: rows.map((r) => r.statusChanges),
            colour: '#d08a1e',
          },
        ]}
        description={`${title}: ${
          rows
            .filter((r) => r.updates)
            .map((r) => `${formatMonth(r.period)} ${t('dashboard.updateCount', { count: r.updates })}`)
            .join(', ') || t('dashboard.noActivity')
        }`}
        onPick={() => navigate('/items', { sort: '-updatedAt' })}
      />
      <details>
        <summary>{t('dashboard.numbers')}</summary>
        <TableScroll label={title}>
          <table class="numbers">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.month')}</th>
                <th scope="col">{t('dashboard.updates')}</th>
                <th scope="col">{t('dashboard.statusChanges')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.period}>
                  <th scope="row">{formatMonth(r.period)}</th>
                  <td class="num">{formatNumber(r.updates)}</td>
                  <td class="num">{formatNumber(r.statusChanges)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      <p>
        <a href={href('/items', { sort: '-updatedAt' })}>{t('dashboard.recentLink')}</a>
      </p>
    </Panel>
  );
}

const FOLLOW_UP_BARS = [
  ['overdue', 'word.overdue'],
  ['dueNext7Days', 'dashboard.dueSoon'],
  ['scheduled', 'word.scheduled'],
  ['notified', 'word.notified'],
  ['done', 'word.done'],
] as const;

function FollowUpsPanel() {
  const loaded = useLoad(
    () =>
      Promise.all([
        get<FollowUpCounts>('/v1/stats/follow-ups'),
        get<Page<FollowUp>>('/v1/follow-ups', { overdue: 'true', limit: '20' }),
      ]),
    [],
  );
  const title = t('followUps.title');
  if (!loaded.data) return <Panel id="follow-ups" title={title} error={loaded.error} />;
  const [counts, overdue] = loaded.data;
  return (
    <Panel id="follow-ups" title={title}>
      <ChartView
        type="bar"
        labels={FOLLOW_UP_BARS.map(([, name]) => t(name))}
        series={[{ label: title, values: FOLLOW_UP_BARS.map(([key]) => counts[key]), colour: '#2f6fb5' }]}
        description={`${title}: ${FOLLOW_UP_BARS.map(([key, name]) => `${t(name)} ${formatNumber(counts[key])}`).join(', ')}`}
        onPick={() => document.getElementById('overdue-h')?.scrollIntoView()}
      />
      <h3 id="overdue-h">{t('dashboard.overdue', { count: counts.overdue })}</h3>
      {overdue.data.length === 0 ? (
        <p>{t('dashboard.nothingOverdue')}</p>
      ) : (
        <ul class="follow-ups">
          {overdue.data.map((f) => (
            <li key={f.id}>
              <time dateTime={f.dueAt}>{formatDate(f.dueAt)}</time>{' '}
              <a href={href(`/items/${f.itemId}`)}>{f.note}</a>
              {f.assignee && ` · ${f.assignee}`}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Panel(props: { id: string; title: string; error?: unknown; children?: ComponentChildren }) {
  return (
    <section class={`card card-${props.id}`} aria-labelledby={`${props.id}-h`}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children ?? (props.error ? <ProblemMessage error={props.error} /> : <Loading />)}
    </section>
  );
}
