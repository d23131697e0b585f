// One error path: only the HTTP layer speaks HTTP. Handlers, writers, services and libraries throw coded errors (a
// `code` and a `kind`, libs/domain/src/shared/errors.ts); the one filter (apps/api/src/infrastructure/errors/) turns a
// kind into a status through its one table. This test reads every product file with the TypeScript parser (not a
// regex), so an aliased import, a namespace import, a re-export or a subclass declared elsewhere is caught too.
//
//   1. Nest's HTTP exceptions (`HttpException`, `NotFoundException`, … any `*Exception` a `@nestjs/*` package exports,
//      and any class of ours that extends one) are thrown, constructed, extended or referenced only in the HTTP layer:
//      `*.http.controller.ts` files and apps/api/src/infrastructure/** (guards, filters, interceptors, pipes).
//   2. Only apps/api/src/infrastructure/errors/ maps an error to a status: no other file imports
//      `DOMAIN_ERROR_HTTP_STATUS` (its definition in the domain excepted) or uses `HttpStatus` — except as the argument
//      of a decorator in a controller (`@HttpCode(HttpStatus.OK)`, Swagger's documented answers), which names the
//      route's own status, not an error's.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..');

interface SourceFile {
  /** Relative to the workspace root, with forward slashes. */
  readonly path: string;
  readonly text: string;
}

interface Finding {
  readonly path: string;
  readonly line: number;
  readonly what: string;
}

const format = (f: Finding) => `${f.path}:${f.line} ${f.what}`;

// ---------------------------------------------------------------------------------------------------------
// Where a file sits.

const isHttpLayer = (path: string) => path.endsWith('.http.controller.ts') || path.startsWith('apps/api/src/infrastructure/');
const mapsErrorsToStatus = (path: string) => path.startsWith('apps/api/src/infrastructure/errors/');
/** Where the status table is defined (its own module reads it: that is not an import). */
const STATUS_TABLE_HOME = 'libs/domain/src/shared/errors.ts';

const isNestModule = (specifier: string) => specifier.startsWith('@nestjs/');
const isNestException = (specifier: string, name: string) => isNestModule(specifier) && /Exception$/.test(name);

/** A file another process removed between the listing and the read is not part of the product. */
function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The product's source files: apps/*\/src, libs/*\/src and tools, without specs. */
function productFiles(): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const text = readIfThere(full);
        if (text !== null) files.push({ path: relative(root, full).split(sep).join('/'), text });
      }
    }
  };
  for (const group of ['apps', 'libs']) {
    for (const project of readdirSync(join(root, group))) {
      if (existsSync(join(root, group, project, 'src'))) walk(join(root, group, project, 'src'));
    }
  }
  walk(join(root, 'tools'));
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// Module specifiers to workspace files: relative paths and the tsconfig aliases (`@api/*`, `@campaign-ledger/domain`).

const aliases = Object.entries(
  (JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths,
).map(([alias, [target]]) => ({ alias, target }));

function resolveModule(from: string, specifier: string, known: ReadonlySet<string>): string | null {
  let base: string | null = null;
  if (specifier.startsWith('.')) base = posix.normalize(posix.join(posix.dirname(from), specifier));
  else {
    for (const { alias, target } of aliases) {
      if (alias.endsWith('/*') && specifier.startsWith(alias.slice(0, -1))) base = target.slice(0, -1) + specifier.slice(alias.length - 1);
      else if (alias === specifier) base = target;
      if (base) break;
    }
  }
  if (base === null) return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].map((p) => p.replace(/\.js$/, '.ts'));
  return candidates.find((candidate) => known.has(candidate)) ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// What a file imports and exports.

/** Where a local name comes from: a module (a workspace file or a package) and the name it has there. */
interface Binding {
  readonly module: string;
  /** The exported name, or null for a namespace (`import * as x`, `import x = require(…)`, `const x = require(…)`). */
  readonly imported: string | null;
}

interface ParsedFile {
  readonly path: string;
  readonly source: ts.SourceFile;
  readonly bindings: Map<string, Binding>;
  /** `export { a as b } from '…'` and `export * from '…'` (name null). */
  readonly reexports: { readonly module: string; readonly imported: string | null; readonly exported: string | null; readonly node: ts.Node }[];
  /** Exported local names: `export class X`, `export { X as Y }` (local → exported). */
  readonly localExports: Map<string, string[]>;
  /** Every named class and what it extends. */
  readonly classes: { readonly name: string; readonly base: ts.Expression }[];
}

const requireOf = (node: ts.Expression | undefined): string | null =>
  node &&
  ts.isCallExpression(node) &&
  ts.isIdentifier(node.expression) &&
  node.expression.text === 'require' &&
  node.arguments.length === 1 &&
  ts.isStringLiteral(node.arguments[0])
    ? node.arguments[0].text
    : null;

function parse(file: SourceFile, known: ReadonlySet<string>): ParsedFile {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const moduleOf = (specifier: string) => resolveModule(file.path, specifier, known) ?? specifier;
  const bindings = new Map<string, Binding>();
  const reexports: ParsedFile['reexports'][number][] = [];
  const localExports = new Map<string, string[]>();
  const exportLocal = (local: string, exported: string) => localExports.set(local, [...(localExports.get(local) ?? []), exported]);
  const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = moduleOf(statement.moduleSpecifier.text);
      const clause = statement.importClause;
      if (clause?.name) bindings.set(clause.name.text, { module, imported: 'default' });
      const named = clause?.namedBindings;
      if (named && ts.isNamespaceImport(named)) bindings.set(named.name.text, { module, imported: null });
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) bindings.set(element.name.text, { module, imported: (element.propertyName ?? element.name).text });
      }
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression)
    ) {
      bindings.set(statement.name.text, { module: moduleOf(statement.moduleReference.expression.text), imported: null });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const specifier = requireOf(declaration.initializer);
        if (specifier !== null && ts.isIdentifier(declaration.name)) bindings.set(declaration.name.text, { module: moduleOf(specifier), imported: null });
        if (specifier !== null && ts.isObjectBindingPattern(declaration.name)) {
          for (const element of declaration.name.elements) {
            const imported = element.propertyName ?? element.name;
            if (ts.isIdentifier(element.name) && (ts.isIdentifier(imported) || ts.isStringLiteral(imported))) {
              bindings.set(element.name.text, { module: moduleOf(specifier), imported: imported.text });
            }
          }
        }
        if (hasExport(statement) && ts.isIdentifier(declaration.name)) exportLocal(declaration.name.text, declaration.name.text);
      }
    } else if (ts.isExportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : null;
      const clause = statement.exportClause;
      if (specifier !== null && !clause) reexports.push({ module: moduleOf(specifier), imported: null, exported: null, node: statement });
      if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) {
          const local = (element.propertyName ?? element.name).text;
          if (specifier !== null) reexports.push({ module: moduleOf(specifier), imported: local, exported: element.name.text, node: element });
          else exportLocal(local, element.name.text);
        }
      }
    } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name && hasExport(statement)) {
      exportLocal(statement.name.text, statement.name.text);
    }
  }
  const classes: ParsedFile['classes'][number][] = [];
  const visit = (node: ts.Node) => {
    const base = ts.isClassLike(node) ? node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression : undefined;
    if (ts.isClassLike(node) && node.name && base) classes.push({ name: node.name.text, base });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { path: file.path, source, bindings, reexports, localExports, classes };
}

// ---------------------------------------------------------------------------------------------------------
// Check 1: Nest HTTP exceptions stay in the HTTP layer.

type Tainted = ReadonlyMap<string, ReadonlySet<string>>;

/** Whether `name`, exported by `module` (a package or a workspace file), is a Nest exception or a subclass of one. */
const isExceptionExport = (module: string, name: string, tainted: Tainted) => isNestException(module, name) || (tainted.get(module)?.has(name) ?? false);

/** `X` or `ns.X`: the exception class an expression names (its exported name), if it names one. */
function exceptionNamed(expression: ts.Node, file: ParsedFile, tainted: Tainted, localClasses: ReadonlySet<string>): string | null {
  const fromModule = (module: string, name: string) => (isExceptionExport(module, name, tainted) ? name : null);
  if (ts.isIdentifier(expression)) {
    const binding = file.bindings.get(expression.text);
    if (binding?.imported) return fromModule(binding.module, binding.imported);
    return !binding && localClasses.has(expression.text) ? expression.text : null;
  }
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
    const binding = file.bindings.get(expression.expression.text);
    if (binding && binding.imported === null) return fromModule(binding.module, expression.name.text);
  }
  return null;
}

/** Local classes that extend a Nest exception (directly or through another such class), by name. */
function localExceptionClasses(file: ParsedFile, tainted: Tainted): Set<string> {
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const { name, base } of file.classes) {
      if (!found.has(name) && exceptionNamed(base, file, tainted, found)) {
        found.add(name);
        grew = true;
      }
    }
  }
  return found;
}

/** Every exported name of every workspace file that is a Nest exception or a subclass of one, to a fixed point. */
function taintedExports(files: readonly ParsedFile[]): Map<string, Set<string>> {
  const tainted = new Map<string, Set<string>>();
  const add = (path: string, name: string) => {
    const names = tainted.get(path) ?? new Set<string>();
    if (names.has(name)) return false;
    tainted.set(path, names.add(name));
    return true;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const file of files) {
      const local = localExceptionClasses(file, tainted);
      for (const [name, exported] of file.localExports) {
        const binding = file.bindings.get(name);
        const isException = local.has(name) || (binding?.imported ? isExceptionExport(binding.module, binding.imported, tainted) : false);
        if (isException) for (const as of exported) changed = add(file.path, as) || changed;
      }
      for (const reexport of file.reexports) {
        const names = reexport.imported === null ? [...(tainted.get(reexport.module) ?? [])] : [reexport.imported];
        for (const name of names) {
          if (isExceptionExport(reexport.module, name, tainted)) changed = add(file.path, reexport.exported ?? name) || changed;
        }
      }
    }
  }
  return tainted;
}

const lineOf = (file: ParsedFile, node: ts.Node) => file.source.getLineAndCharacterOfPosition(node.getStart(file.source)).line + 1;

/** How an expression naming an exception class is used: thrown, constructed, extended or otherwise referenced. */
function useOf(node: ts.Node): string {
  const parent = node.parent;
  if (ts.isNewExpression(parent) && parent.expression === node) {
    let outer: ts.Node = parent.parent;
    while (ts.isParenthesizedExpression(outer) || ts.isAsExpression(outer)) outer = outer.parent;
    return ts.isThrowStatement(outer) ? 'throws' : 'constructs';
  }
  if (ts.isExpressionWithTypeArguments(parent) && ts.isHeritageClause(parent.parent) && parent.parent.token === ts.SyntaxKind.ExtendsKeyword) return 'extends';
  return 'references';
}

function findHttpExceptionUses(sources: readonly SourceFile[]): Finding[] {
  const known = new Set(sources.map((s) => s.path));
  const files = sources.map((s) => parse(s, known));
  const tainted = taintedExports(files);
  const findings: Finding[] = [];
  for (const file of files) {
    if (isHttpLayer(file.path)) continue;
    const localClasses = localExceptionClasses(file, tainted);
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return;
      if (ts.isExportSpecifier(node)) {
        const reexport = file.reexports.find((r) => r.node === node);
        const named = reexport?.imported ?? null;
        const local = named === null ? file.bindings.get((node.propertyName ?? node.name).text) : undefined;
        const isException =
          reexport && named !== null
            ? isExceptionExport(reexport.module, named, tainted)
            : (local?.imported ? isExceptionExport(local.module, local.imported, tainted) : false) || localClasses.has((node.propertyName ?? node.name).text);
        if (isException) findings.push({ path: file.path, line: lineOf(file, node), what: `re-exports ${(node.propertyName ?? node.name).text}` });
        return;
      }
      if (ts.isExportDeclaration(node) && !node.exportClause && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const module = resolveModule(file.path, node.moduleSpecifier.text, known) ?? node.moduleSpecifier.text;
        const names = [...(tainted.get(module) ?? [])];
        if (names.length || isNestModule(module))
          findings.push({ path: file.path, line: lineOf(file, node), what: `re-exports ${names.join(', ') || `all of ${module}`}` });
        return;
      }
      // `ns.NotFoundException`: the whole access is the reference.
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && file.bindings.get(node.expression.text)?.imported === null) {
        const name = exceptionNamed(node, file, tainted, localClasses);
        if (name) {
          findings.push({ path: file.path, line: lineOf(file, node), what: `${useOf(node)} ${name} (${node.getText(file.source)})` });
          return;
        }
      }
      // A qualified type name (`catch (e: common.HttpException)`).
      if (ts.isQualifiedName(node) && ts.isIdentifier(node.left) && file.bindings.get(node.left.text)?.imported === null) {
        const binding = file.bindings.get(node.left.text);
        if (binding && isExceptionExport(binding.module, node.right.text, tainted)) {
          findings.push({ path: file.path, line: lineOf(file, node), what: `references ${node.right.text} (${node.getText(file.source)})` });
          return;
        }
      }
      if (ts.isIdentifier(node) && !isDeclarationName(node) && !isPropertyName(node)) {
        const name = exceptionNamed(node, file, tainted, localClasses);
        if (name) {
          const alias = name === node.text ? '' : ` (as ${node.text})`;
          findings.push({ path: file.path, line: lineOf(file, node), what: `${useOf(node)} ${name}${alias}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file.source);
  }
  return findings;
}

/** The name a declaration introduces (a class's own name is not a use of it). */
const isDeclarationName = (node: ts.Identifier) => {
  const parent = node.parent as ts.Node & { name?: ts.Node };
  return (
    (ts.isClassLike(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isBindingElement(parent) ||
      ts.isInterfaceDeclaration(parent) ||
      ts.isTypeAliasDeclaration(parent) ||
      ts.isEnumDeclaration(parent) ||
      ts.isEnumMember(parent)) &&
    parent.name === node
  );
};

/** `x.NotFoundException` on something other than a namespace import, and `{ NotFoundException: … }` keys, are not references. */
const isPropertyName = (node: ts.Identifier) =>
  (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) || (ts.isQualifiedName(node.parent) && node.parent.right === node);

// ---------------------------------------------------------------------------------------------------------
// Check 2: only apps/api/src/infrastructure/errors/ picks an error's status.

const insideControllerDecorator = (file: ParsedFile, node: ts.Node) => {
  if (!file.path.endsWith('.http.controller.ts')) return false;
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) if (ts.isDecorator(current)) return true;
  return false;
};

function findStatusMapping(sources: readonly SourceFile[]): Finding[] {
  const known = new Set(sources.map((s) => s.path));
  const findings: Finding[] = [];
  for (const source of sources) {
    if (mapsErrorsToStatus(source.path) || source.path === STATUS_TABLE_HOME) continue;
    const file = parse(source, known);
    const isTable = (binding: Binding | undefined, name: string) => binding !== undefined && name === 'DOMAIN_ERROR_HTTP_STATUS';
    const isHttpStatus = (binding: Binding | undefined, name: string) => binding !== undefined && isNestModule(binding.module) && name === 'HttpStatus';
    const visit = (node: ts.Node) => {
      if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) {
        const clause = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined;
        if (clause && ts.isNamedImports(clause)) {
          for (const element of clause.elements) {
            if ((element.propertyName ?? element.name).text === 'DOMAIN_ERROR_HTTP_STATUS') {
              findings.push({
                path: file.path,
                line: lineOf(file, element),
                what: `imports DOMAIN_ERROR_HTTP_STATUS${element.propertyName ? ` (as ${element.name.text})` : ''}`,
              });
            }
          }
        }
        return;
      }
      if (
        ts.isExportSpecifier(node) &&
        (node.propertyName ?? node.name).text === 'DOMAIN_ERROR_HTTP_STATUS' &&
        ts.isExportDeclaration(node.parent.parent) &&
        node.parent.parent.moduleSpecifier
      ) {
        findings.push({ path: file.path, line: lineOf(file, node), what: 're-exports DOMAIN_ERROR_HTTP_STATUS' });
        return;
      }
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
        const binding = file.bindings.get(node.expression.text);
        if (binding?.imported === null && isTable(binding, node.name.text)) {
          findings.push({ path: file.path, line: lineOf(file, node), what: `reads DOMAIN_ERROR_HTTP_STATUS (${node.getText(file.source)})` });
          return;
        }
        if (binding?.imported === null && isHttpStatus(binding, node.name.text) && !insideControllerDecorator(file, node)) {
          findings.push({ path: file.path, line: lineOf(file, node), what: `uses HttpStatus (${node.parent.getText(file.source).slice(0, 60)})` });
          return;
        }
      }
      if (ts.isIdentifier(node) && !isDeclarationName(node) && !isPropertyName(node)) {
        const binding = file.bindings.get(node.text);
        if (binding?.imported && isHttpStatus(binding, binding.imported) && !insideControllerDecorator(file, node)) {
          findings.push({
            path: file.path,
            line: lineOf(file, node),
            what: `uses HttpStatus${binding.imported === node.text ? '' : ` (as ${node.text})`} (${node.parent.getText(file.source).slice(0, 60)})`,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file.source);
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------

describe('HTTP exceptions stay in the HTTP layer', () => {
  const files = productFiles();

  it('reads the whole product (apps, libs, tools)', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files.some((f) => f.path.endsWith('.handler.ts'))).toBe(true);
    expect(files.some((f) => isHttpLayer(f.path))).toBe(true);
  });

  it('no file outside *.http.controller.ts and apps/api/src/infrastructure/ throws, constructs, extends or references a Nest HTTP exception', () => {
    expect(findHttpExceptionUses(files).map(format)).toEqual([]);
  });

  it('only apps/api/src/infrastructure/errors/ maps errors to HTTP status', () => {
    expect(findStatusMapping(files).map(format)).toEqual([]);
  });
});

describe('the checker itself (it can fail)', () => {
  const handler = 'apps/api/src/campaigns/close-stage/close-stage.handler.ts';

  it('finds an aliased Nest exception thrown by a handler, and not the same code in a controller or the infrastructure', () => {
    const text = [
      "import { Injectable, NotFoundException as Missing } from '@nestjs/common';",
      '@Injectable()',
      'export class CloseStageHandler {',
      '  execute(): never {',
      "    throw new Missing('no such stage');",
      '  }',
      '}',
    ].join('\n');
    expect(findHttpExceptionUses([{ path: handler, text }]).map(format)).toEqual([`${handler}:5 throws NotFoundException (as Missing)`]);
    expect(findHttpExceptionUses([{ path: 'apps/api/src/campaigns/close-stage/close-stage.http.controller.ts', text }])).toEqual([]);
    expect(findHttpExceptionUses([{ path: 'apps/api/src/infrastructure/http/some.guard.ts', text }])).toEqual([]);
  });

  it('finds a namespace import, a subclass, a construction without throw, a require and a re-export', () => {
    const service = 'libs/projections/src/lib/some.service.ts';
    const text = [
      "import * as common from '@nestjs/common';",
      "const { ConflictException: Clash } = require('@nestjs/common');",
      'export class Gone extends common.HttpException {}',
      "export const make = () => new Clash('taken');",
      "export const fail = () => { throw new Gone('gone', 410); };",
      "export { ForbiddenException } from '@nestjs/common';",
    ].join('\n');
    expect(findHttpExceptionUses([{ path: service, text }]).map(format)).toEqual([
      `${service}:3 extends HttpException (common.HttpException)`,
      `${service}:4 constructs ConflictException (as Clash)`,
      `${service}:5 throws Gone`,
      `${service}:6 re-exports ForbiddenException`,
    ]);
  });

  it('follows a subclass declared in the HTTP layer into a handler that imports it through an alias or a barrel', () => {
    const sources: SourceFile[] = [
      {
        path: 'apps/api/src/infrastructure/http/gone.ts',
        text: "import { HttpException } from '@nestjs/common';\nexport class GoneException extends HttpException {}\n",
      },
      { path: 'apps/api/src/infrastructure/http/index.ts', text: "export * from './gone';\n" },
      { path: handler, text: "import { GoneException as G } from '@api/infrastructure/http';\nexport const refuse = () => { throw new G('x', 410); };\n" },
    ];
    expect(findHttpExceptionUses(sources).map(format)).toEqual([`${handler}:2 throws GoneException (as G)`]);
  });

  it('leaves coded errors alone', () => {
    const text = [
      "import { DomainError, type DomainErrorKind } from '@campaign-ledger/domain';",
      "export class StageNotFound extends DomainError { static readonly code = 'STAGE.NOT_FOUND'; static readonly kind: DomainErrorKind = 'not_found'; }",
      "export const refuse = () => { throw new StageNotFound('x', 'y'); };",
    ].join('\n');
    expect(findHttpExceptionUses([{ path: handler, text }])).toEqual([]);
  });

  it('finds a status picked outside the errors folder, and allows a controller its own @HttpCode', () => {
    const text = [
      "import { HttpStatus as S } from '@nestjs/common';",
      "import { DOMAIN_ERROR_HTTP_STATUS as table } from '@campaign-ledger/domain';",
      "import * as domain from '@campaign-ledger/domain';",
      'export const status = (kind: string) => (kind === "gone" ? S.GONE : table.conflict);',
      'export const other = domain.DOMAIN_ERROR_HTTP_STATUS.validation;',
    ].join('\n');
    expect(findStatusMapping([{ path: handler, text }]).map(format)).toEqual([
      `${handler}:2 imports DOMAIN_ERROR_HTTP_STATUS (as table)`,
      `${handler}:4 uses HttpStatus (as S) (S.GONE)`,
      `${handler}:5 reads DOMAIN_ERROR_HTTP_STATUS (domain.DOMAIN_ERROR_HTTP_STATUS)`,
    ]);
    expect(findStatusMapping([{ path: 'apps/api/src/infrastructure/errors/http-errors.ts', text }])).toEqual([]);
    const controller = [
      "import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';",
      "@Controller('x') export class XController { @Post() @HttpCode(HttpStatus.OK) run() { return 1; } }",
    ].join('\n');
    expect(findStatusMapping([{ path: 'apps/api/src/x/x/x.http.controller.ts', text: controller }])).toEqual([]);
  });
});
