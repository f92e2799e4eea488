import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { startChunkWorkers } from "@/lib/sampling/frame/workers";
import { WORKER_NICE } from "./worker-pool";

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNices(): number[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

describe.runIf(existsSync("/proc/self/task"))("parse worker threads", () => {
  it("run at a lower priority than the process that starts them, which keeps its own", async () => {
    const own = threadNices()[0]!;
    const before = threadNices().filter((n) => n === WORKER_NICE).length;
    const pool = await startChunkWorkers(2);
    expect(pool).not.toBeNull();
    try {
      expect(threadNices().filter((n) => n === WORKER_NICE).length - before).toBe(2);
      expect(threadNices()[0]).toBe(own);
    } finally {
      await pool!.close();
    }
  }, 30_000);
});
