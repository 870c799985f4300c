// The Prisma CLI runs here on its WebAssembly schema engine ("js"), so
// `prisma generate` and `prisma migrate diff` need no native binary and no
// network. The adapter is an in-memory PGlite: diffing two schema files needs
// no real database. Migrations are applied by the app itself (src/db/migrate.ts).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// schema.prisma keeps `url = env("DATABASE_URL")` so that `prisma migrate status`
// on a machine with the native engine reads the real database. The offline
// commands never connect, but the CLI rejects the schema (and falls back to
// downloading a query engine) when the variable is missing, so give it a
// placeholder.
process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPGlite(new PGlite()),
});
