#!/usr/bin/env node
// Builds Foghill's front end with esbuild (its JS API), into src/foghill/web/dist/:
//
//   dist/foghill.js, dist/foghill.js.map   the page: components/index.js (made from the
//                                         contract by python -m foghill.remake) and its
//                                         imports, one minified ES module with a source map
//   dist/foghill.css                      foghill.css and components.css, minified
//   dist/notebook/<tag>.js                one anywidget module per widget of the contract
//                                         (its component and notebook/widget.js)
//   dist/notebook/foghill.css             the components' styles, for anywidget's _css
//
// The sources stay as they are (plain ES modules, served unbundled too). The output depends
// only on them and on the pinned esbuild version, so two builds write the same bytes.
// Usage: node scripts/build-web.mjs (or npm run build).

import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import * as esbuild from "esbuild";
import { WIDGETS } from "../src/foghill/web/lib/contract.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const WEB = path.join(ROOT, "src", "foghill", "web");
const DIST = path.join(WEB, "dist");

/**
 * The notebook modules: dist/notebook/<tag>.js for every widget of the contract (its table,
 * as web/lib/contract.js holds it), each made from notebookEntry(tag).
 */
export const NOTEBOOK_WIDGETS = Object.keys(WIDGETS);

/** Where notebookEntry's modules live for esbuild (the prefix of their paths). */
const NOTEBOOK_ENTRY = "fh-notebook:";

/**
 * A widget's notebook module: its component module (which defines the element), then the
 * anywidget render every widget shares (web/notebook/widget.js).
 * @param {string} tag
 */
function notebookEntry(tag) {
  return [
    `// <${tag}> in a notebook: the anywidget module, built into dist/notebook/${tag}.js.`,
    `import ${JSON.stringify(`../components/${WIDGETS[tag].component}`)};`,
    'import { notebookModule } from "./widget.js";',
    `export default notebookModule(${JSON.stringify(tag)});`,
    "",
  ].join("\n");
}

/** @type {esbuild.Plugin} Serves notebookEntry(tag) for the entry point "fh-notebook:<tag>". */
const notebookEntries = {
  name: "notebook-entries",
  setup(b) {
    b.onResolve({ filter: /^fh-notebook:/ }, (args) => ({
      path: args.path.slice(NOTEBOOK_ENTRY.length),
      namespace: "fh-notebook",
    }));
    b.onLoad({ filter: /.*/, namespace: "fh-notebook" }, (args) => ({
      contents: notebookEntry(args.path),
      resolveDir: path.join(WEB, "notebook"),
      loader: "js",
    }));
  },
};

/** Browsers the page supports (modules, custom elements, ResizeObserver, MathML core). */
const TARGET = ["es2020", "chrome109", "firefox115", "safari16"];

/** Options every build shares. */
const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  charset: "utf8",
  logLevel: "warning",
  target: TARGET,
  write: false,
};

/** @param {string[]} files CSS files in web/, in cascade order */
function cssEntry(files) {
  return {
    contents: files.map((f) => `@import "./${f}";`).join("\n"),
    resolveDir: WEB,
    loader: "css",
    sourcefile: "foghill-styles.css",
  };
}

/**
 * Every file under a folder (none when it does not exist).
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Write each output file whole (a temporary file renamed over the old one, so a server
 * reading dist/ meanwhile sees the old file or the new one), then remove what is left over
 * from earlier builds.
 * @param {esbuild.OutputFile[]} outputs
 */
async function writeOutputs(outputs) {
  const written = new Set();
  for (const file of outputs) {
    await mkdir(path.dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    await writeFile(tmp, file.contents);
    await rename(tmp, file.path);
    written.add(file.path);
  }
  for (const old of await filesUnder(DIST)) {
    if (!written.has(old)) await rm(old);
  }
}

export async function build() {
  const results = await Promise.all([
    esbuild.build({
      ...COMMON,
      entryPoints: [path.join(WEB, "components", "index.js")],
      outfile: path.join(DIST, "foghill.js"),
      format: "esm",
      minify: true,
      sourcemap: true,
    }),
    esbuild.build({
      ...COMMON,
      stdin: cssEntry(["foghill.css", "components.css", "sweep.css", "maps.css", "training.css", "tools.css"]),
      outfile: path.join(DIST, "foghill.css"),
      minify: true,
    }),
    esbuild.build({
      ...COMMON,
      stdin: cssEntry(["components.css", "sweep.css", "maps.css", "training.css", "tools.css"]),
      outfile: path.join(DIST, "notebook", "foghill.css"),
      minify: true,
    }),
    esbuild.build({
      ...COMMON,
      entryPoints: NOTEBOOK_WIDGETS.map((tag) => ({ in: `${NOTEBOOK_ENTRY}${tag}`, out: tag })),
      plugins: [notebookEntries],
      outdir: path.join(DIST, "notebook"),
      format: "esm",
      // Each module stands alone (anywidget loads one per widget): no shared chunks.
      splitting: false,
    }),
  ]);
  await writeOutputs(results.flatMap((r) => r.outputFiles ?? []));
}

/** @param {string} file */
async function describe(file) {
  const size = (await stat(file)).size;
  const gzip = gzipSync(readFileSync(file), { level: 9 }).length;
  return `${path.relative(ROOT, file)}  ${(size / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzipped`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  await build();
  const files = [
    "foghill.js",
    "foghill.css",
    ...NOTEBOOK_WIDGETS.map((tag) => `notebook/${tag}.js`),
    "notebook/foghill.css",
  ];
  for (const f of files) console.log(await describe(path.join(DIST, f)));
  console.log(`built in ${Math.round(performance.now() - t0)} ms`);
}
