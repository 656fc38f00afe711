/** The public API, called with the key pasted at sign-in (kept for this tab only). */

const KEY = 'pledgewatch.apiKey';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export interface FieldProblem {
  path: string;
  message: string;
}

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  existingId?: string;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  /** Messages for one field (`amount.value`) or for every field under a prefix (`citations.`). */
  field(path: string): string[] {
    return (this.problem.errors ?? [])
      .filter((e) => e.path === path || (path.endsWith('.') && e.path.startsWith(path)))
      .map((e) => e.message);
  }
}

/** Called when a request answers 401: the key was revoked or mistyped. */
let onUnauthenticated = () => {};
export const whenUnauthenticated = (handler: () => void) => (onUnauthenticated = handler);

/**
 * One request, its body as JSON (or a FormData as multipart); `extra` headers (If-Match) go with
 * it. Answers the response when it is 2xx.
 */
export async function send(
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  const key = session.key();
  if (key) headers.authorization = `Bearer ${key}`;
  // A FormData body goes as multipart/form-data: the browser writes its content type and boundary.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ title: 'The service did not answer', status: 0, detail: 'Check the connection.' });
  }
  if (response.ok) return response;
  let problem: Problem;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = { title: response.statusText || 'Request failed', status: response.status };
  }
  if (response.status === 401) onUnauthenticated();
  throw new ApiError({ ...problem, status: response.status });
}

export async function get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
  return (await (await send('GET', withQuery(path, query))).json()) as T;
}

export async function post<T>(path: string, body: unknown = {}): Promise<T> {
  const response = await send('POST', path, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A response body as a file the browser saves (the key stays in a header, never in a link). */
export async function download(path: string, query: Record<string, string | undefined>, name: string) {
  const blob = await (await send('GET', withQuery(path, query))).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
