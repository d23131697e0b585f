// Compiles the server-side TypeScript (apps/api, apps/cli, libs) to CommonJS in dist/ with swc,
// keeping decorator metadata (NestJS, TypeORM, class-validator need it) and rewriting path aliases.
import { transformFile } from '@swc/core';
import { readFileSync, mkdirSync, writeFileSync, copyFileSync, readdirSync, statSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'dist');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const sources = ['apps/api/src', 'apps/cli/src', 'tools/bench', ...readdirSync(join(root, 'libs')).map((lib) => `libs/${lib}/src`)].filter((dir) =>
  existsSync(join(root, dir)),
);

const isSpec = (file) => /\.(spec|test)\.tsx?$/.test(file) || file.includes('/testing/') || file.endsWith('/testing.ts');
function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

rmSync(out, { recursive: true, force: true });
let count = 0;
const started = Date.now();
for (const dir of sources) {
  for (const file of walk(join(root, dir))) {
    const rel = relative(root, file);
    const target = join(out, rel);
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.json')) {
      copyFileSync(file, target);
      continue;
    }
    if (!/\.tsx?$/.test(file) || file.endsWith('.d.ts') || isSpec(file)) continue;
    const result = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      sourceMaps: true,
      jsc: { ...swcrc.jsc, baseUrl: root, paths: compilerOptions.paths },
    });
    const js = target.replace(/\.tsx?$/, '.js');
    writeFileSync(js, `${result.code}\n//# sourceMappingURL=${js.split('/').pop()}.map`);
    if (result.map) writeFileSync(`${js}.map`, result.map);
    count += 1;
  }
}
console.log(`built ${count} files into dist/ in ${Date.now() - started} ms`);
