// Runs `next start` as WEB_CONCURRENCY processes sharing one port, so one
// machine's cores all serve (Node's cluster module: the first process accepts
// connections and hands them out in turn). Every instance is stateless
// (sessions, rate limits, jobs and caches live in PostgreSQL), so any of them
// can serve any request, as instances on several machines behind a load
// balancer do. With WEB_CONCURRENCY 1 (the default) Next.js runs in this process.
//
// Usage: node scripts/next-cluster.mjs <next bin> start -p PORT [...]
// An instance that dies is replaced; SIGTERM and SIGINT stop them all.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import path from "node:path";

const [bin, ...args] = process.argv.slice(2);
const nextBin = path.resolve(bin);
const instances = Math.max(1, Math.min(64, Number.parseInt(process.env.WEB_CONCURRENCY ?? "1", 10) || 1));

if (instances === 1) {
  process.argv = [process.argv[0], nextBin, ...args];
  createRequire(import.meta.url)(nextBin);
} else {
  let stopping = false;
  cluster.setupPrimary({ exec: nextBin, args });
  for (let i = 0; i < instances; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`fieldwork: instance ${worker.process.pid} ended (${signal ?? code}); starting another\n`);
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {});
      if (workers.length === 0) process.exit(0);
      for (const w of workers) w?.process.kill(signal);
    });
  }
}
