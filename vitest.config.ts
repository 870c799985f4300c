import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds dist/web/ when web/ or locales/ changed (the browser tests open its pages).
    globalSetup: ["test/support/build-web-setup.ts"],
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // End-to-end tests start real bot processes; PGlite starts take a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Vitest's default (cores − 1) is one file at a time on a 2-core runner, but
    // the end-to-end files mostly wait for the emulator's quiet periods: two at
    // once took the suite from ~1,700 s to ~800 s here, with the load under 2.7.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
