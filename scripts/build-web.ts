// Builds the Mini Apps' front end: every web/<app>/ that holds an index.html
// and a main.ts becomes dist/web/<app>/ (index.html, main.js, main.css),
// bundled by esbuild with the shared code (web/shared/) and the texts
// (locales/*/translation.json), so the pages load nothing from elsewhere.
//
//   tsx scripts/build-web.ts             builds every app
//   tsx scripts/build-web.ts --if-stale  only when a source is newer than the last build (npm start)
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = path.join(root, "web");
export const webOutputDir = path.join(root, "dist", "web");
/** Written last: its time is the build's, and a build cut short leaves none. */
const stampFile = path.join(webOutputDir, ".built");
const sources = [sourceDir, path.join(root, "locales")];

/** The apps: folders of web/ with a page and its script (web/shared/ is neither). */
export function webApps(): string[] {
  return readdirSync(sourceDir).filter(
    (name) => existsSync(path.join(sourceDir, name, "index.html")) && existsSync(path.join(sourceDir, name, "main.ts")),
  );
}

export function webIsStale(): boolean {
  if (!existsSync(stampFile)) return true;
  const built = statSync(stampFile).mtimeMs;
  return sources.some((dir) => newestIn(dir) > built);
}

export async function buildWeb(): Promise<string[]> {
  const apps = webApps();
  rmSync(webOutputDir, { recursive: true, force: true });
  for (const app of apps) {
    const out = path.join(webOutputDir, app);
    mkdirSync(out, { recursive: true });
    await build({
      entryPoints: [path.join(sourceDir, app, "main.ts")],
      outdir: out,
      bundle: true,
      format: "esm",
      // What Telegram's in-app browsers of the last years run.
      target: "es2020",
      minify: true,
      legalComments: "none",
      logLevel: "warning",
    });
    copyFileSync(path.join(sourceDir, app, "index.html"), path.join(out, "index.html"));
  }
  writeFileSync(stampFile, `${new Date().toISOString()}\n`);
  return apps;
}

function newestIn(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs;
    return Math.max(newest, time);
  }, statSync(dir).mtimeMs);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--if-stale") && !webIsStale()) process.exit(0);
  const started = Date.now();
  const apps = await buildWeb();
  console.log(`built the Mini Apps (${apps.join(", ")}) into dist/web in ${Date.now() - started} ms`);
}
