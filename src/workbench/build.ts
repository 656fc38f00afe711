import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { projectRoot, workbenchDir } from './workbench';

/**
 * Bundles web/ (Preact + Chart.js, from node_modules) into dist/web: one script and one
 * stylesheet with content-hashed names, their .gz and .br copies, and index.html pointing at them.
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
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).map((f) => join(root, f));
  const script = files.find((f) => f.endsWith('.js'));
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
