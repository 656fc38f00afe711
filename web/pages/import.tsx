import { useState } from 'preact/hooks';
import { ApiError, Problem, session } from '../api';
import { Field, Loading, ProblemMessage } from '../components/ui';
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

/** The fields a column can be mapped to, as the mapping names them, with what they mean. */
const FIELDS: [string, string][] = [
  ['title', 'Title (required)'],
  ['sourceUrl', 'Source URL (required)'],
  ['statement', 'Statement'],
  ['kind', 'Kind (claim or commitment)'],
  ['status', 'Status'],
  ['actor', 'Actor'],
  ['amount', 'Amount'],
  ['currency', 'Currency'],
  ['date', 'Announcement date'],
  ['dueAt', 'Deadline'],
  ['sourceTitle', 'Source title'],
  ['quote', 'Quote (origin passage)'],
  ['tags', 'Tags'],
  ['rowKey', 'Row key (an ID column)'],
];

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
      <h1>Import a spreadsheet</h1>
      <section aria-labelledby="file-h">
        <h2 id="file-h">1. The sheet</h2>
        <label
          class="dropzone"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            choose(e.dataTransfer?.files[0]);
          }}
        >
          Drop a CSV or XLSX file here, or choose one
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
          <h2 id="map-h">2. Which column is what</h2>
          <div class="table-wrap">
            <table>
              <caption>The first rows of the sheet</caption>
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
              <Field key={field} label={text} path={`mapping.${field}`} error={error}>
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
            Dry run
          </button>{' '}
          <button type="button" disabled={busy || !report?.dryRun} onClick={() => send(false)}>
            Import
          </button>
        </section>
      )}
      {report && <ReportTable report={report} />}
    </>
  );
}

function ReportTable({ report }: { report: Report }) {
  return (
    <section aria-labelledby="report-h">
      <h2 id="report-h">
        {report.dryRun ? '3. What the import would do (nothing stored yet)' : '3. Imported'}
      </h2>
      <p>
        {Object.entries(report.counts)
          .map(([outcome, n]) => `${n} ${outcome}`)
          .join(', ')}
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Outcome</th>
              <th scope="col">Item or problem</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{r.outcome}</td>
                <td>
                  {r.itemId && <a href={href(`/items/${r.itemId}`)}>the item</a>}
                  {r.duplicateOf && (
                    <>
                      same as <a href={href(`/items/${r.duplicateOf}`)}>a recorded item</a>
                    </>
                  )}
                  {r.errors.map((e) => (
                    <div key={`${e.column}-${e.reason}`}>
                      {e.column ? `${e.column}: ` : ''}
                      {e.reason}
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
