import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds dist/web/ when web/ or locales/ changed (the browser tests open its pages).
    globalSetup: ["test/support/build-web-setup.ts"],
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // End-to-end tests start real bot processes; PGlite starts take a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
