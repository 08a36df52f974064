#!/usr/bin/env node
// Turns a JavaScript service (an ES module graph starting at src/handler.js) into a component
// of the platform:edge world, with the QuickJS engine of componentize-qjs (the "qjs" backend of
// jco componentize), synchronous ABI and WASI stubbed out.
//
//   node componentize-js.mjs <source-dir> <wit-file> <out.wasm>
//
// Why this shape:
// - The .NET Wasmtime binding runs neither component-model async nor wasi:http, and the registry
//   refuses any import outside platform:edge. So the build uses the non-async runtime and replaces
//   every WASI import with a trap stub: clocks (Date.now, new Date()) trap, everything else a
//   handler needs (JSON, strings, Math, typed arrays, Math.random seeded at build time) works.
// - componentize-qjs imports every interface of the world it is given. The world is therefore
//   generated per service: `log` plus exactly the platform:edge interfaces the module graph
//   imports, so a service that never touches key-value is not refused for importing it.
// - The output is checked with jco's wasm-tools: a component importing anything but
//   platform:edge interfaces is a build failure, not a publish failure.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { componentize } from 'componentize-qjs';
import { init as initLexer, parse as parseModule } from 'es-module-lexer';
import { componentWit } from '@bytecodealliance/jco';

const ENTRY = 'src/handler.js';
const EDGE_IMPORT = /^platform:edge\/(log|config|key-value|outbound-http|publisher)@(0\.1\.0|0\.2\.0|0\.3\.0)$/;

function fail(message) {
  process.stderr.write(`componentize-js: ${message}\n`);
  process.exit(1);
}

/** The platform:edge versions the module graph imports (one expected: a service vendors one SDK). */
const worldVersions = new Set();

const rel = (root, file) => path.relative(root, file).split(path.sep).join('/');

/** Walks the static import graph from the entry; returns the platform:edge interfaces it imports. */
async function edgeImports(root, entry) {
  await initLexer;
  const interfaces = new Set();
  const seen = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = await readFile(file, 'utf8').catch(() => fail(`module not found: ${rel(root, file)}`));
    let imports;
    try {
      [imports] = parseModule(source, rel(root, file));
    } catch (error) {
      fail(`${rel(root, file)}: syntax error at offset ${error?.idx ?? '?'}: ${error?.message ?? error}`);
    }
    for (const item of imports) {
      if (item.d === -2) continue; // import.meta
      const specifier = item.n;
      if (item.d > -1) fail(`${rel(root, file)}: dynamic import() is not supported (the engine runs without async); use a static import`);
      if (specifier === undefined) fail(`${rel(root, file)}: an import specifier must be a plain string`);
      const edge = EDGE_IMPORT.exec(specifier);
      if (edge) {
        interfaces.add(edge[1]);
        worldVersions.add(edge[2]);
      } else if (specifier.startsWith('./') || specifier.startsWith('../')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (!target.startsWith(root + path.sep)) fail(`${rel(root, file)}: '${specifier}' points outside the service folder`);
        pending.push(target);
      } else {
        fail(`${rel(root, file)}: cannot import '${specifier}': only relative modules and platform:edge interfaces ` +
          '(platform:edge/log@0.3.0, config, key-value, outbound-http, publisher) can be imported; vendor other code under src/');
      }
    }
  }
  return interfaces;
}

/** The platform WIT plus a world importing log and the given interfaces. */
function serviceWorld(witSource, interfaces) {
  const imports = ['log', ...[...interfaces].filter((i) => i !== 'log').sort()];
  const world = ['world js-service {', ...imports.map((i) => `  import ${i};`), '  export handler;', '}', ''].join('\n');
  return `${witSource.trimEnd()}\n\n${world}`;
}

async function checkImports(component) {
  const wit = await componentWit(component);
  const imports = [...wit.matchAll(/^\s*import ([^;:\s]+:[^;\s]+);$/gm)].map((m) => m[1]);
  const foreign = imports.filter((i) => !i.startsWith('platform:edge/'));
  if (foreign.length > 0) fail(`the component imports interfaces the platform cannot grant: ${foreign.join(', ')}`);
  return imports;
}

async function main() {
  const [sourceDir, witFile, outPath] = process.argv.slice(2);
  if (!outPath) fail('usage: componentize-js.mjs <source-dir> <wit-file> <out.wasm>');
  const root = path.resolve(sourceDir);
  const entry = path.join(root, ENTRY);
  if (!(await stat(entry).catch(() => null))?.isFile()) fail(`entry module not found: ${ENTRY} in ${root}`);
  const interfaces = await edgeImports(root, entry);
  if (worldVersions.size > 1) fail(`the service imports platform:edge ${[...worldVersions].join(' and ')}; use one SDK`);
  // A service vendors the SDK of the version it was generated with: an older one builds against that version's WIT (wit/<version>/);
  // the current version has no folder of its own.
  const [version] = worldVersions;
  const older = version ? path.join(path.dirname(witFile), version, path.basename(witFile)) : null;
  const witPath0 = older && (await stat(older).catch(() => null))?.isFile() ? older : witFile;
  const witSource = await readFile(witPath0, 'utf8').catch(() => fail(`WIT file not found: ${witPath0}`));
  const work = await mkdtemp(path.join(tmpdir(), 'platform-js-'));
  try {
    const witPath = path.join(work, 'service.wit');
    await writeFile(witPath, serviceWorld(witSource, interfaces));
    let result;
    try {
      result = await componentize({
        witPath,
        world: 'js-service',
        jsSource: await readFile(entry, 'utf8'),
        jsPath: entry,
        moduleRoot: root,
        sync: true,
        stubWasi: true,
      });
    } catch (error) {
      fail(`componentizing ${ENTRY} failed: ${error?.message ?? error}`);
    }
    const imports = await checkImports(result.component);
    await writeFile(outPath, result.component);
    process.stderr.write(`componentize-js: ${result.component.length} bytes, imports ${imports.join(', ')}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
