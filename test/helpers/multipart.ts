import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkContract, Response, TestApp } from './app';

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body (RFC 7578) from its parts. */
export function multipartBody(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----pledgewatch${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename ? `\r\nContent-Type: ${part.type ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const importFixture = (name: string): Buffer =>
  readFileSync(join(__dirname, '../fixtures/imports', name));

/** POST /v1/imports with a file and a mapping, checked against the contract like every TestApp request. */
export async function postImport(
  t: TestApp,
  file: Buffer,
  mapping: unknown,
  options: { dryRun?: boolean; key?: string; filename?: string; extra?: Part[]; path?: string } = {},
): Promise<Response> {
  const { body, contentType } = multipartBody([
    { name: 'file', value: file, filename: options.filename ?? 'sheet.csv' },
    ...(mapping === undefined
      ? []
      : [{ name: 'mapping', value: typeof mapping === 'string' ? mapping : JSON.stringify(mapping) }]),
    ...(options.extra ?? []),
  ]);
  const url = `${options.path ?? '/v1/imports'}${options.dryRun ? '?dryRun=true' : ''}`;
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${options.key ?? t.keys.editor}`, 'content-type': contentType },
    payload: body,
  });
  checkContract('POST', url, res.statusCode, res.headers, res.body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body);
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text: res.body };
}
