import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { runRoute } from "./route";

describe("runRoute: a route handler's failures", () => {
  it("passes the handler's own response through", async () => {
    const res = await runRoute("GET /x", async () => new Response("fine", { status: 201 }));
    expect(res.status).toBe(201);
    expect(await res.text()).toBe("fine");
  });

  it("answers an expected failure with its code, message and field: 400, or 404 for a *NOT_FOUND code", async () => {
    const bad = await runRoute("GET /x", async () => {
      throw new AppError("INVALID_REQUEST", "--survey is one of CES, CMS, OPTIONS", "survey");
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "INVALID_REQUEST", message: "--survey is one of CES, CMS, OPTIONS", field: "survey" } });
    const missing = await runRoute("GET /x", async () => {
      throw new AppError("SAMPLE_NOT_FOUND", "There is no such sample.");
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("SAMPLE_NOT_FOUND");
  });

  it("logs an unexpected error with an id and answers 500 quoting that id, never the error", async () => {
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    try {
      const res = await runRoute("GET /x", async () => {
        throw new Error("password authentication failed for user fieldwork");
      });
      expect(res.status).toBe(500);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      const body = await res.json();
      expect(body.error.code).toBe("UNEXPECTED");
      expect(JSON.stringify(body)).not.toMatch(/password|fieldwork|Error/);
      expect(logged).toHaveBeenCalledTimes(1);
      const [fields] = logged.mock.calls[0] as unknown as [{ errorId: string; route: string; err: Error }];
      expect(fields.route).toBe("GET /x");
      expect(fields.err.message).toMatch(/password authentication failed/);
      expect(body.error.message).toContain(`quote reference ${fields.errorId}`);
    } finally {
      logged.mockRestore();
    }
  });
});
