import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * One response an e2e test received, as `npm run contract:record` keeps it for the independent
 * validation in `npm run client:check` (test/contract/validate-workload.ts): the operation it
 * answered (method and path template of the OpenAPI document), its status, headers and body.
 */
export interface RecordedResponse {
  method: string;
  path: string;
  status: number;
  headers: Record<string, string>;
  mediaType: string;
  /** The parsed body of a JSON answer; the text of any other; null without a body. */
  body: unknown;
}

const JSON_TYPE = /^application\/([a-z.+-]+\+)?json$/;
/** The response headers the document declares anywhere; the rest (security headers, dates) are not kept. */
const DECLARED = new Set([
  'etag',
  'cache-control',
  'location',
  'idempotent-replayed',
  'retry-after',
  'allow',
  'www-authenticate',
]);
/** Examples kept per operation, status and media type: each of another shape. */
const PER_RESPONSE = 6;

/** The body's shape: its keys and the JSON type of each value (a null amount is another shape). */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return [...new Set(value.map((v) => JSON.stringify(shape(v))))].sort();
  if (value === null || typeof value !== 'object') return value === null ? 'null' : typeof value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
}

function keyOf(r: RecordedResponse): string {
  return `${r.method} ${r.path} ${r.status} ${r.mediaType}`;
}

/** Appends a response to the workload file, unless this process already holds one of its shape. */
export class WorkloadRecorder {
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly file: string) {}

  add(method: string, path: string, status: number, rawHeaders: Record<string, unknown>, text: string): void {
    const contentType = typeof rawHeaders['content-type'] === 'string' ? rawHeaders['content-type'] : '';
    const mediaType = contentType.split(';')[0].trim();
    let body: unknown = text.length > 0 ? text : null;
    if (JSON_TYPE.test(mediaType) && text.length > 0) body = JSON.parse(text) as unknown;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(rawHeaders))
      if (DECLARED.has(name.toLowerCase()) && (typeof value === 'string' || typeof value === 'number'))
        headers[name.toLowerCase()] = String(value);
    const response = { method, path, status, headers, mediaType, body };
    const shapes = this.seen.get(keyOf(response)) ?? new Set<string>();
    const signature = JSON.stringify(shape(body));
    if (shapes.has(signature) || shapes.size >= PER_RESPONSE) return;
    shapes.add(signature);
    this.seen.set(keyOf(response), shapes);
    appendFileSync(this.file, `${JSON.stringify(response)}\n`);
  }
}

export function readWorkload(file: string): RecordedResponse[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedResponse);
}

/** What several test processes appended, one example per shape, in a stable order (a readable diff). */
export function tidyWorkload(file: string): number {
  const kept = new Map<string, RecordedResponse>();
  const perKey = new Map<string, number>();
  for (const r of readWorkload(file)) {
    const id = `${keyOf(r)} ${JSON.stringify(shape(r.body))}`;
    if (kept.has(id) || (perKey.get(keyOf(r)) ?? 0) >= PER_RESPONSE) continue;
    kept.set(id, r);
    perKey.set(keyOf(r), (perKey.get(keyOf(r)) ?? 0) + 1);
  }
  const lines = [...kept.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => JSON.stringify(r));
  writeFileSync(file, lines.length ? `${lines.join('\n')}\n` : '');
  return lines.length;
}
