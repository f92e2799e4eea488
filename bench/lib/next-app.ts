// Shared by the benchmarks that measure the app through `next start` (online
// answers, load, contacts, import contention): a production build of this
// worktree, started on a port of its own against the benchmark's database.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { localMasterKey } from "@/lib/privacy/crypto/master-key";

export const root = path.resolve(import.meta.dirname, "..", "..");
const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));

/** `next start` on a production build of this worktree (built into `distDir` when it has none yet). */
export async function startNext({
  port,
  distDir,
  databaseUrl,
  extraEnv = {},
}: {
  port: number;
  distDir: string;
  databaseUrl: string;
  extraEnv?: Record<string, string>;
}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NODE_OPTIONS: "",
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    // the key this process seeds with (outside production: the key file beside the data)
    PERSONAL_DATA_KEY: process.env.PERSONAL_DATA_KEY || localMasterKey(),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    WEB_CONCURRENCY: process.env.BENCH_INSTANCES ?? "1",
    // The benchmarks' users each come from their own address (X-Forwarded-For), as
    // through the one proxy of a deployment (deploy/nginx.conf).
    TRUSTED_PROXY_HOPS: "1",
    ...extraEnv,
  };
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    process.stderr.write(`building into ${distDir}...\n`);
    // next build rewrites these two; put them back as they were.
    const kept = ["tsconfig.json", "next-env.d.ts"].map((f) => ({
      file: path.join(root, f),
      content: existsSync(path.join(root, f)) ? readFileSync(path.join(root, f), "utf8") : null,
    }));
    try {
      await new Promise<void>((resolve, reject) =>
        spawn(process.execPath, [next, "build"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }).on("close", (c) =>
          c === 0 ? resolve() : reject(new Error(`next build exited with ${c}`)),
        ),
      );
    } finally {
      for (const { file, content } of kept) {
        if (content === null) rmSync(file, { force: true });
        else writeFileSync(file, content);
      }
    }
  }
  const app: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
      // as the image starts it; BENCH_INSTANCES=n: n instances on the one port (WEB_CONCURRENCY)
      path.join(root, "scripts", "next-cluster.mjs"),
      next,
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 240 || app.exitCode !== null) throw new Error("next start did not answer");
    await sleep(500);
  }
  return { base, app, stop: () => void app.kill("SIGTERM") };
}
