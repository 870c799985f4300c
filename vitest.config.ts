import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "packages/*/test/**/*.test.ts"],
    // End-to-end tests start real bot processes; PGlite starts take a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
