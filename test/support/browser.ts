// A browser for the Mini Apps' tests: Debian's chromium driven by
// playwright-core (no browser download; .ci/run installs chromium with apt).
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { signInitData } from "../../src/server/mini-app/init-data.ts";
import type { Harness } from "./app-harness.ts";
import { TOKEN } from "./app-harness.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM}: apt-get install chromium (see .ci/run)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

export type MiniAppUser = { id: number; first_name: string; last_name?: string | undefined; language_code?: string };

/** initData as Telegram hands it to a Mini App opened by this person at `at`. */
export function initDataFor(user: MiniAppUser, at: Date, token = TOKEN): string {
  return signInitData(
    {
      query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
      user: JSON.stringify(user),
      auth_date: String(Math.floor(at.getTime() / 1000)),
    },
    token,
  );
}

/** The address Telegram opens: the page of our server, the launch data in the hash. */
export function miniAppUrl(harness: Harness, app: string, initData: string): string {
  return `http://127.0.0.1:${harness.app.httpAddress.port}/app/${app}/#tgWebAppData=${encodeURIComponent(initData)}`;
}

/** A page on a phone's screen (390×844). */
export function phonePage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 390, height: 844 } });
}

/** Screenshots of the apps go here (CI keeps the folder). */
export function screenshotPath(name: string): string {
  mkdirSync("test-output", { recursive: true });
  return path.join("test-output", `${name}.png`);
}
