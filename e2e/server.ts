// Playwright's web server: a fresh database on the test PostgreSQL, all
// migrations, one user of each role, a production build, and `next start`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { localMasterKey } from "@/lib/privacy/crypto/master-key";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, startTestServer } from "@/test/pg-server";
import { E2E_PASSWORD } from "./users";
import { startFakeIdentityProvider } from "./fake-identity-provider";

const root = path.resolve(import.meta.dirname, "..");
const port = process.env.E2E_PORT ?? "3100";
const stateFile = process.env.E2E_STATE_FILE ?? path.join(root, "test-results", "e2e-state.json");

const server = await startTestServer();
const name = `fw_e2e_${randomBytes(6).toString("hex")}`;
await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
const databaseUrl = server.urlFor(name);
await migrateDatabase(databaseUrl);
process.env.DATABASE_URL = databaseUrl;
const { seedUsers } = await import("@/lib/seed/users");
await seedUsers({ passwords: { INTERVIEWER: E2E_PASSWORD, SUPERVISOR: E2E_PASSWORD, ANALYST: E2E_PASSWORD, ADMIN: E2E_PASSWORD } });
const { disconnectDb } = await import("@/lib/db/client");
await disconnectDb();
mkdirSync(path.dirname(stateFile), { recursive: true });
writeFileSync(stateFile, JSON.stringify({ databaseUrl }));

// Each run builds into its own folder; `next build` rewrites tsconfig.json and
// next-env.d.ts to point at it, so put both back afterwards.
const distDir = `.next-e2e-${port}`;
const kept = ["tsconfig.json", "next-env.d.ts"].map((f) => {
  const file = path.join(root, f);
  return { file, content: existsSync(file) ? readFileSync(file, "utf8") : null };
});
const restore = () => {
  for (const { file, content } of kept) {
    if (content === null) rmSync(file, { force: true });
    else writeFileSync(file, content);
  }
};

// OpenID Connect sign-in as a customer would set it up, against a stand-in provider (sign-in.spec.ts).
const identityProvider = await startFakeIdentityProvider();

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_DIST_DIR: distDir,
  NODE_OPTIONS: "",
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
  // the key the test workers seal and read personal data with too (outside production: the key file beside the data)
  PERSONAL_DATA_KEY: process.env.PERSONAL_DATA_KEY || localMasterKey(),
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  SIGN_IN_FAILURE_DELAY_MS: "100",
  SIGN_IN_MAX_FAILURES: "3",
  LOG_LEVEL: "warn",
  // As deployed behind nginx (deploy/nginx.conf): one proxy sets X-Forwarded-For.
  // Tests that need many addresses (hostile-input) send their own, as if through it.
  TRUSTED_PROXY_HOPS: "1",
  OIDC_ISSUER: identityProvider.issuer,
  OIDC_CLIENT_ID: "fieldwork-e2e",
  OIDC_CLIENT_SECRET: randomBytes(16).toString("hex"),
  OIDC_NAME: "E2E identity provider",
};
// E2E_APP_DIR=<a built copy of the project> (npm test: the production image step's copy,
// built as the Dockerfile builds it): start that build rather than building this checkout again.
const prebuilt = process.env.E2E_APP_DIR;
if (prebuilt) {
  if (!existsSync(path.join(prebuilt, ".next", "BUILD_ID"))) throw new Error(`E2E_APP_DIR=${prebuilt} holds no production build (.next/BUILD_ID)`);
  delete env.NEXT_DIST_DIR;
}
const appRoot = prebuilt ?? root;
const next = path.join(appRoot, "node_modules", "next", "dist", "bin", "next");
const run = (args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [next, ...args], { cwd: root, env, stdio: "inherit" });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`next ${args[0]} exited with ${code}`))));
  });
if (!prebuilt) {
  try {
    await run(["build"]);
  } finally {
    restore();
  }
}
const app = spawn(process.execPath, [next, "start", "-p", port], { cwd: appRoot, env, stdio: "inherit" });

const stop = async () => {
  app.kill("SIGTERM");
  identityProvider.close();
  if (!prebuilt) rmSync(path.join(root, distDir), { recursive: true, force: true });
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await server.stop();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
app.on("close", () => void stop());
