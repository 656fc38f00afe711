import { useState } from 'preact/hooks';
import { ApiError, Problem, session } from '../api';
import { Field, Loading, ProblemMessage } from '../components/ui';
import { t } from '../i18n';
import { href } from '../router';

type Cell = string | number;
interface Preview {
  format: 'csv' | 'xlsx';
  columns: string[];
  rows: Cell[][];
  guess: Record<string, string>;
}
interface RowReport {
  row: number;
  key: string;
  outcome: 'create' | 'update' | 'unchanged' | 'duplicate' | 'error';
  itemId: string | null;
  duplicateOf: string | null;
  errors: { row: number; column: string | null; reason: string }[];
}
interface Report {
  id: string | null;
  dryRun: boolean;
  counts: Record<RowReport['outcome'], number>;
  rows: RowReport[];
}

/**
 * The fields a column can be mapped to, as the mapping names them: what they mean, and what to
 * fix in a cell of that column when a row is refused (the report's reasons are the API's wording).
 */
const FIELDS: [string, string, string][] = [
  ['title', 'import.field.title', 'import.rowProblem.title'],
  ['sourceUrl', 'import.field.sourceUrl', 'import.rowProblem.sourceUrl'],
  ['statement', 'import.field.statement', 'import.rowProblem.statement'],
  ['kind', 'import.field.kind', 'import.rowProblem.kind'],
  ['status', 'import.field.status', 'import.rowProblem.status'],
  ['actor', 'import.field.actor', 'import.rowProblem.actor'],
  ['amount', 'import.field.amount', 'import.rowProblem.amount'],
  ['currency', 'import.field.currency', 'import.rowProblem.currency'],
  ['date', 'import.field.date', 'import.rowProblem.date'],
  ['dueAt', 'import.field.dueAt', 'import.rowProblem.dueAt'],
  ['sourceTitle', 'import.field.sourceTitle', 'import.rowProblem.sourceTitle'],
  ['quote', 'import.field.quote', 'import.rowProblem.quote'],
  ['tags', 'import.field.tags', 'import.rowProblem.tags'],
  ['rowKey', 'import.field.rowKey', 'import.rowProblem.rowKey'],
];

const OUTCOMES: Record<RowReport['outcome'], string> = {
  create: 'import.outcome.create',
  update: 'import.outcome.update',
  unchanged: 'import.outcome.unchanged',
  duplicate: 'import.outcome.duplicate',
  error: 'import.outcome.error',
};

/** A refused cell in plain words: the field its column is mapped to says what to fix. */
function rowProblem(column: string | null, mapping: Record<string, string>): string {
  const field = FIELDS.find(([name]) => column !== null && mapping[name] === column);
  return t(field?.[2] ?? 'import.rowProblem.default');
}

/** POST a sheet as multipart/form-data, with the key in a header; problems as ApiError. */
async function upload<T>(path: string, file: File, mapping?: Record<string, string>): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  if (mapping) form.append('mapping', JSON.stringify(mapping));
  const key = session.key();
  const response = await fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: form,
  });
  if (response.ok) return (await response.json()) as T;
  let problem: Problem;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = { title: response.statusText || 'Request failed', status: response.status };
  }
  throw new ApiError({ ...problem, status: response.status });
}

/** Import: drop a sheet, map its columns (guessed from the headers), dry-run, read the report, import. */
export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const choose = (chosen: File | undefined) =>
    chosen &&
    void run(async () => {
      setFile(chosen);
      setReport(null);
      const read = await upload<Preview>('/v1/imports/preview', chosen);
      setPreview(read);
      setMapping(read.guess);
    });
  const send = (dryRun: boolean) =>
    file &&
    void run(async () =>
      setReport(await upload<Report>(`/v1/imports${dryRun ? '?dryRun=true' : ''}`, file, mapping)),
    );
  const setField = (field: string, column: string) => {
    const next = { ...mapping };
    if (column) next[field] = column;
    else delete next[field];
    setMapping(next);
    setReport(null);
  };

  return (
    <>
      <h1>{t('import.title')}</h1>
      <section aria-labelledby="file-h">
        <h2 id="file-h">{t('import.sheet')}</h2>
        <label
          class="dropzone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            choose(e.dataTransfer?.files[0]);
          }}
        >
          {t('import.drop')}
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => choose(e.currentTarget.files?.[0])}
          />
        </label>
        {file && <p>{file.name}</p>}
      </section>
      <ProblemMessage error={error} />
      {busy && <Loading />}
      {preview && (
        <section aria-labelledby="map-h">
          <h2 id="map-h">{t('import.mapTitle')}</h2>
          <div class="table-wrap">
            <table>
              <caption>{t('import.firstRows')}</caption>
              <thead>
                <tr>
                  {preview.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, i) => (
                  <tr key={i}>
                    {preview.columns.map((c, j) => (
                      <td key={c}>{String(row[j] ?? '')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="filters">
            {FIELDS.map(([field, text]) => (
              <Field key={field} label={t(text)} path={`mapping.${field}`} error={error}>
                {(p) => (
                  <select
                    {...p}
                    name={field}
                    value={mapping[field] ?? ''}
                    onChange={(e) => setField(field, e.currentTarget.value)}
                  >
                    <option value="">—</option>
                    {preview.columns.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
          </div>
          <button type="button" disabled={busy} onClick={() => send(true)}>
            {t('import.dryRun')}
          </button>{' '}
          <button type="button" disabled={busy || !report?.dryRun} onClick={() => send(false)}>
            {t('import.submit')}
          </button>
        </section>
      )}
      {report && <ReportTable report={report} mapping={mapping} />}
    </>
  );
}

function ReportTable({ report, mapping }: { report: Report; mapping: Record<string, string> }) {
  return (
    <section aria-labelledby="report-h">
      <h2 id="report-h">{report.dryRun ? t('import.wouldDo') : t('import.imported')}</h2>
      <p>
        {Object.entries(report.counts)
          .map(([outcome, count]) =>
            t('import.counted', { outcome: t(OUTCOMES[outcome as RowReport['outcome']]), count }),
          )
          .join(', ')}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('import.columns.row')}</th>
              <th scope="col">{t('import.columns.outcome')}</th>
              <th scope="col">{t('import.columns.result')}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{t(OUTCOMES[r.outcome])}</td>
                <td>
                  {r.itemId && <a href={href(`/items/${r.itemId}`)}>{t('import.theItem')}</a>}
                  {r.duplicateOf && (
                    <>
                      {t('import.sameAs')}{' '}
                      <a href={href(`/items/${r.duplicateOf}`)}>{t('import.aRecordedItem')}</a>
                    </>
                  )}
                  {r.errors.map((e) => (
                    <div key={`${e.column}-${e.reason}`}>
                      {e.column ? `${e.column}: ` : ''}
                      {rowProblem(e.column, mapping)}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
