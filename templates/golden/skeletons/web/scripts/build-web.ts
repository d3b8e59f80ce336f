// Builds the React front end with esbuild.
//   node scripts/build-web.ts          -> web/dist (minified, hashed file names, index.html)
//   node scripts/build-web.ts --test   -> .cache/web-test (the web tests, bundled for node --test)
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const web = join(root, 'web');

if (process.argv.includes('--test')) {
  const outdir = join(root, '.cache', 'web-test');
  rmSync(outdir, { recursive: true, force: true });
  const entryPoints = readdirSync(join(web, 'test'))
    .filter(file => /\.test\.tsx?$/.test(file))
    .map(file => join(web, 'test', file));
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    jsx: 'automatic',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  console.log(`web tests bundled into ${outdir}`);
} else {
  const outdir = join(web, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(web, 'src', 'main.tsx')],
    outdir: join(outdir, 'assets'),
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map(file => basename(file));
  const js = outputs.find(file => /^main-.*\.js$/.test(file));
  const css = outputs.find(file => /^main-.*\.css$/.test(file));
  if (!js || !css) throw new Error(`unexpected build outputs: ${outputs.join(', ')}`);
  mkdirSync(outdir, { recursive: true });
  const html = readFileSync(join(web, 'index.html'), 'utf8').replace('%MAIN_JS%', js).replace('%MAIN_CSS%', css);
  writeFileSync(join(outdir, 'index.html'), html);
  console.log(`web front end built into ${outdir}`);
}
