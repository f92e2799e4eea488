import { defineConfig } from "prisma/config";

// The Prisma CLI reads DATABASE_URL for migrate commands. scripts/db.ts sets it
// (and PRISMA_SCHEMA_ENGINE_BINARY) when the embedded database is used.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unset",
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
