import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { logOptions } from "./log";

describe("the app's logger", () => {
  it("writes no personal data, whatever is logged and however deep", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino(logOptions, sink);
    const error = Object.assign(new Error('Invalid `prisma.sampleCase.update()` invocation:\n{ phone: "+447700900123" }'), {
      meta: { target: "x@example.com" },
    });
    logger.error(
      { err: error, client: { email: "client@example.com", nested: { phone: "07700 900123" } }, caseId: "c-1" },
      "could not reach 07700 900124 or client@example.com",
    );
    const out = lines.join("");
    expect(JSON.parse(out)).toMatchObject({ msg: "could not reach [phone] or [email]", caseId: "c-1", err: { type: "Error" } });
    expect(out).not.toMatch(/7700 ?90012\d|example\.com/);
  });
});
