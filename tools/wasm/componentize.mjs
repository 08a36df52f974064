#!/usr/bin/env node
// Turns a core Wasm module into a component of a WIT world, using the wasm-tools build that
// ships inside @bytecodealliance/jco (its `embed`/`componentize --wit` CLI fails on this
// machine; the JS API works).
//
//   node componentize.mjs <core.wasm> <wit-dir-or-file> <world> <out.wasm>
//
// A core module that imports wasi_snapshot_preview1 is adapted with jco's preview1 reactor
// adapter; a module without WASI imports yields a component that imports only the world's
// interfaces it actually calls.
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';

function fail(message) {
  process.stderr.write(`componentize: ${message}\n`);
  process.exit(1);
}

async function readWitSource(witPath) {
  const info = await stat(witPath).catch(() => fail(`WIT path not found: ${witPath}`));
  if (!info.isDirectory()) return readFile(witPath, 'utf8');
  const files = (await readdir(witPath)).filter((f) => f.endsWith('.wit')).sort();
  if (files.length !== 1) {
    fail(`expected exactly one .wit file in ${witPath}, found ${files.length}; pass the file instead`);
  }
  return readFile(path.join(witPath, files[0]), 'utf8');
}

function importsWasiPreview1(coreBytes) {
  const module = new WebAssembly.Module(coreBytes);
  return WebAssembly.Module.imports(module).some((i) => i.module === 'wasi_snapshot_preview1');
}

async function main() {
  const [corePath, witPath, world, outPath] = process.argv.slice(2);
  if (!outPath) fail('usage: componentize.mjs <core.wasm> <wit-dir-or-file> <world> <out.wasm>');

  const core = await readFile(corePath).catch(() => fail(`core module not found: ${corePath}`));
  const witSource = await readWitSource(witPath);

  let embedded;
  try {
    embedded = await componentEmbed({ binary: core, witSource, world, stringEncoding: 'utf8' });
  } catch (error) {
    fail(`embedding world '${world}' failed: ${error?.payload ?? error?.message ?? error}`);
  }

  const adapters = [];
  if (importsWasiPreview1(core)) {
    const adapterPath = fileURLToPath(preview1AdapterReactorPath());
    adapters.push(['wasi_snapshot_preview1', await readFile(adapterPath)]);
  }

  let component;
  try {
    component = await componentNew(embedded, adapters);
  } catch (error) {
    fail(`creating the component failed: ${error?.payload ?? error?.message ?? error}`);
  }
  await writeFile(outPath, component);
}

await main();
