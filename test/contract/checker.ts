import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractOperation } from './compile';
import { WorkloadRecorder } from './workload';

type Validator = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};

/** Paths the service answers that are not API operations: `/` (pages), Swagger UI, the document. */
// The workbench, the docs and the public tracker pages (/p/<slug>: HTML for readers, outside the API).
const OUTSIDE_CONTRACT = /^\/($|docs(\/|$)|openapi\.json$|p\/)/;

interface Route {
  operation: ContractOperation;
  pattern: RegExp;
  params: number;
}

/**
 * Checks one response against the OpenAPI document: the operation and status are declared, a
 * JSON body matches its schema, and declared required headers are present. Loaded once per test
 * file from what global setup compiled (test/contract/compile.ts).
 */
export class ContractChecker {
  validated = 0;
  mismatches: string[] = [];
  private constructor(
    private readonly routes: Route[],
    private readonly validators: Record<string, Validator>,
    private readonly workload: WorkloadRecorder | null,
  ) {}

  static load(dir: string): ContractChecker | null {
    if (!existsSync(join(dir, 'operations.json'))) return null;
    const operations = JSON.parse(readFileSync(join(dir, 'operations.json'), 'utf8')) as ContractOperation[];
    const routes = operations
      .map((operation) => ({
        operation,
        pattern: new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
        params: (operation.path.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.params - b.params);
    // `npm run contract:record` keeps what the tests receive for the independent validation.
    const file = process.env.PLEDGEWATCH_RECORD_WORKLOAD;
    return new ContractChecker(
      routes,
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- ajv's standalone output is CommonJS
      require(join(dir, 'validators.js')) as Record<string, Validator>,
      file ? new WorkloadRecorder(file) : null,
    );
  }

  /** A description of what differs from the contract, or null; counted either way. */
  check(
    method: string,
    url: string,
    status: number,
    headers: Record<string, unknown>,
    text: string,
  ): string | null {
    const mismatch = this.compare(method, url, status, headers, text);
    if (mismatch) this.mismatches.push(mismatch);
    else if (this.workload) {
      const verb = method.toUpperCase();
      const path = url.split('?')[0];
      const route = this.routes.find((r) => r.operation.method === verb && r.pattern.test(path));
      if (route) this.workload.add(verb, route.operation.path, status, headers, text);
    }
    return mismatch;
  }

  private compare(
    method: string,
    url: string,
    status: number,
    headers: Record<string, unknown>,
    text: string,
  ): string | null {
    const path = url.split('?')[0];
    // CORS preflights belong to the CORS layer, not to any operation.
    if (OUTSIDE_CONTRACT.test(path) || method.toUpperCase() === 'OPTIONS') return null;
    this.validated += 1;
    const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
    const route = this.routes.find((r) => r.operation.method === verb && r.pattern.test(path));
    const where = `${method} ${url} → ${status}`;
    if (!route) {
      // A known path with another method is 405, an unknown one 404; a request refused before
      // routing (a body over the limit, a bad key on every path) may answer its own 4xx first.
      const onPath = this.routes.some((r) => r.pattern.test(path));
      const expected = onPath ? 405 : 404;
      if (status !== expected && !(status >= 400 && status < 500 && status !== 404 && status !== 405))
        return `${where}: no such operation in the document (expected ${expected})`;
      return this.validateBody(where, 'v-problem', headers, text);
    }
    const declared = route.operation.responses[String(status)];
    if (!declared) return `${where}: status ${status} is not declared for ${verb} ${route.operation.path}`;
    const missing = declared.requiredHeaders.filter((h) => headers[h] === undefined);
    if (missing.length) return `${where}: declared header(s) missing: ${missing.join(', ')}`;
    const types = Object.keys(declared.content);
    if (method.toUpperCase() === 'HEAD' || types.length === 0) {
      return types.length === 0 && text.length > 0 && method.toUpperCase() !== 'HEAD'
        ? `${where}: a body where the document declares none`
        : null;
    }
    const contentType = headers['content-type'];
    const mediaType = (typeof contentType === 'string' ? contentType : '').split(';')[0].trim();
    if (!types.includes(mediaType))
      return `${where}: content type ${mediaType || '(none)'} is not among the declared ${types.join(', ')}`;
    const id = declared.content[mediaType];
    return id ? this.validateBody(where, id, headers, text) : null;
  }

  private validateBody(
    where: string,
    id: string,
    headers: Record<string, unknown>,
    text: string,
  ): string | null {
    const validate = this.validators[id];
    if (!validate) return `${where}: no validator ${id}`;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return `${where}: body is not JSON (content type ${String(headers['content-type'])})`;
    }
    if (validate(body)) return null;
    const errors = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
      .join('; ');
    return `${where}: body differs from the schema: ${errors}`;
  }

  /** Appends this file's count for the summary global teardown prints. */
  record(dir: string, file: string): void {
    const line = { file, validated: this.validated, mismatches: this.mismatches };
    appendFileSync(join(dir, 'results.jsonl'), `${JSON.stringify(line)}\n`);
    this.validated = 0;
    this.mismatches = [];
  }
}
