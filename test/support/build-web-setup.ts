// vitest's globalSetup: the Mini Apps' pages are built once, before any test
// file runs (files run in parallel workers; one build, not one each).
import { buildWeb, webIsStale } from "../../scripts/build-web.ts";

export default async function setup(): Promise<void> {
  if (webIsStale()) await buildWeb();
}
