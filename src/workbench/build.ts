import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { projectRoot, workbenchDir } from './workbench';

/**
 * Bundles web/ (Preact, i18next, Chart.js, from node_modules) into dist/web: the entry script, the
 * chunks it loads on demand (Chart.js, on the first chart) and one stylesheet, with content-hashed
 * names, their .gz and .br copies, and index.html pointing at the entry and the stylesheet.
 * Runs inside `npm run build`; the browser tests call it too.
 */
export async function buildWorkbench(): Promise<{ files: string[] }> {
  const root = projectRoot();
  const out = workbenchDir();
  rmSync(out, { recursive: true, force: true });
  const assets = join(out, 'assets');
  mkdirSync(assets, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'web', 'main.tsx')],
    outdir: assets,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const outputs = Object.entries(result.metafile.outputs);
  const files = outputs.map(([f]) => join(root, f));
  const entry = outputs.find(([f, o]) => f.endsWith('.js') && o.entryPoint)?.[0];
  const script = entry && join(root, entry);
  const style = files.find((f) => f.endsWith('.css'));
  if (!script || !style) throw new Error('the workbench build made no script or stylesheet');
  for (const file of files) {
    const body = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(body));
  }
  const html = readFileSync(join(root, 'web', 'index.html'), 'utf8')
    .replace('/assets/main.css', `/assets/${basename(style)}`)
    .replace('/assets/main.js', `/assets/${basename(script)}`);
  writeFileSync(join(out, 'index.html'), html);
  return { files: [...files, join(out, 'index.html')] };
}

if (require.main === module) {
  buildWorkbench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
