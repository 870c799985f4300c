// `npm start` runs this first: it bundles src/ into dist/bundle/main.js with
// esbuild when any source is newer than the bundle, so the README's two
// commands stay two. Plain JavaScript: it must run before anything is built.
//
// Why a bundle rather than `node --import tsx src/main.ts` (figures in
// BENCHMARKS.md, "Start-up and steady state"): tsx compiles every file at
// each start and keeps its compiler in the process; the bundle starts with a
// third less CPU and runs with ~60 MB less memory, for the same CPU per update.
//
// The bundle sits two folders below the root, as src/bot/i18n.ts and
// src/db/migrate.ts sit below it, so their paths relative to the module
// (locales/, prisma/migrations/) resolve the same; the holidays the calendar
// reads beside its module are copied beside the bundle.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "dist/bundle");
const outFile = path.join(outDir, "main.js");
const holidays = path.join(root, "src/domain/holidays");

/** The newest modification time under a folder (or of a file). */
function newest(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const inputs = [path.join(root, "src"), path.join(root, "package-lock.json"), import.meta.filename];
const stale = !existsSync(outFile) || Math.max(...inputs.filter(existsSync).map(newest)) > statSync(outFile).mtimeMs;

if (stale) {
  const started = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, "src/main.ts")],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages stay in node_modules: native modules, Prisma's WebAssembly and
    // PGlite's data files are found there, as with tsx.
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  cpSync(holidays, path.join(outDir, "holidays"), { recursive: true });
  console.error(`built ${path.relative(root, outFile)} in ${Math.round(performance.now() - started)} ms`);
}
