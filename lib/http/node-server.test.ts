import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardedFor, installServerHooks, loggedPath, noteRequestUser, noteResponseStatus, refusal, withoutTokens } from "./node-server";

describe("the Node.js server hooks: access log and refusals", () => {
  const lines: Record<string, unknown>[] = [];
  let server: http.Server;
  let base = "";

  beforeAll(async () => {
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    installServerHooks({ accessLog: log });
    server = http.createServer((request, response) => {
      // the user is named deep inside the request's own async work, as requireRole does
      setTimeout(() => {
        if (request.headers["x-user"]) noteRequestUser(String(request.headers["x-user"]));
        // a page that refuses in place names its status as it renders (lib/http/page.tsx)
        if (request.headers["x-page-status"]) noteResponseStatus(Number(request.headers["x-page-status"]));
        response.statusCode = request.url?.startsWith("/missing") ? 404 : request.url?.startsWith("/moved") ? 307 : 200;
        response.end(request.url === "/whoami" ? `${request.headers["x-forwarded-for"]}|${request.headers["x-real-ip"] ?? ""}` : "ok");
      }, 5);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("logs method, path without its query, status, duration and the user of each request, and keeps requests apart", async () => {
    await Promise.all([
      fetch(`${base}/supervisor/cases?q=jane.doe%40example.com&phone=07700900123`, { headers: { "x-user": "user-a" } }),
      fetch(`${base}/missing/page?token=secret`, { method: "POST", body: "x" }),
    ]);
    await new Promise((r) => setTimeout(r, 20));
    const access = lines.map((l) => l.access as Record<string, unknown>).filter(Boolean);
    const a = access.find((l) => l.path === "/supervisor/cases");
    const b = access.find((l) => l.path === "/missing/page");
    expect(a).toMatchObject({ method: "GET", status: 200, userId: "user-a" });
    expect(b).toMatchObject({ method: "POST", status: 404, userId: null });
    expect(a!.durationMs as number).toBeGreaterThanOrEqual(4);
    const text = JSON.stringify(lines);
    expect(text).not.toContain("jane.doe");
    expect(text).not.toContain("07700900123");
    expect(text).not.toContain("secret");
  });

  it("sends a page's own status in place of 200, logs it, and leaves other statuses and other requests alone", async () => {
    const [refused, plain, moved] = await Promise.all([
      fetch(`${base}/supervisor/quotas`, { headers: { "x-page-status": "403" } }),
      fetch(`${base}/supervisor/cases`),
      fetch(`${base}/moved`, { headers: { "x-page-status": "403" }, redirect: "manual" }),
    ]);
    expect([refused.status, plain.status, moved.status]).toEqual([403, 200, 307]);
    expect(await refused.text()).toBe("ok");
    await new Promise((r) => setTimeout(r, 20));
    const access = lines.map((l) => l.access as Record<string, unknown>).filter(Boolean);
    expect(access.find((l) => l.path === "/supervisor/quotas")).toMatchObject({ status: 403 });
  });

  it("gives the app the connection's address, not the X-Forwarded-For or X-Real-IP a client wrote (no proxy in front)", async () => {
    const r = await fetch(`${base}/whoami`, { headers: { "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" } });
    expect(await r.text()).toBe("127.0.0.1|");
  });

  it("leaves framework assets out", async () => {
    const before = lines.length;
    await fetch(`${base}/_next/static/chunk.js`);
    await new Promise((r) => setTimeout(r, 20));
    expect(lines.length).toBe(before);
  });

  it("cuts query strings and fragments, control characters and personal-link tokens", () => {
    expect(loggedPath("/results?from=2024-01#x")).toBe("/results");
    expect(loggedPath("/a\r\nInjected: yes")).toBe("/aInjected: yes");
    expect(withoutTokens("/s/abcdef0123456789")).toBe("/s/…");
    expect(withoutTokens("/survey")).toBe("/survey");
    expect(withoutTokens("/f/Xy_-0123456789abcdefghijklmnopqrstuvwxyzABCD")).toBe("/f/…");
    expect(withoutTokens("/feedback/thank-you")).toBe("/feedback/thank-you");
  });

  it("answers TRACE with 405 and a multipart body without a boundary with 400, and logs both", async () => {
    const trace = await new Promise<number>((resolve, reject) => {
      const url = new URL(base);
      http
        .request({ host: url.hostname, port: url.port, method: "TRACE", path: "/" }, (r) => resolve(r.statusCode ?? 0))
        .on("error", reject)
        .end();
    });
    expect(trace).toBe(405);
    const noBoundary = await fetch(`${base}/admin/users`, { method: "POST", headers: { "content-type": "multipart/form-data" }, body: "garbage" });
    expect(noBoundary.status).toBe(400);
    expect(await noBoundary.text()).toContain("boundary");
    const withBoundary = await fetch(`${base}/admin/users`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: "--xyz--",
    });
    expect(withBoundary.status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    const statuses = lines.map((l) => l.access as { method: string; status: number } | undefined).filter(Boolean);
    expect(statuses).toContainEqual(expect.objectContaining({ method: "TRACE", status: 405 }));
  });

  it("refuses only what Next.js cannot take apart", () => {
    expect(refusal({ method: "TRACK", headers: {} })?.status).toBe(405);
    expect(refusal({ method: "CONNECT", headers: {} })?.status).toBe(405);
    expect(refusal({ method: "GET", headers: {} })).toBeNull();
    expect(refusal({ method: "POST", headers: { "content-type": 'multipart/form-data; boundary="a b"' } })).toBeNull();
    expect(refusal({ method: "POST", headers: { "content-type": "multipart/form-data; charset=utf-8" } })?.status).toBe(400);
    expect(refusal({ method: "POST", headers: { "content-type": "application/json" } })).toBeNull();
  });
});

describe("the client's address (X-Forwarded-For) as the server hook sets it", () => {
  it("with no proxy in front, is the connection's own, whatever the client wrote", () => {
    expect(forwardedFor("203.0.113.9", "127.0.0.1", 0)).toBe("127.0.0.1");
    expect(forwardedFor(undefined, "::1", 0)).toBe("::1");
  });
  it("behind one proxy, is the address that proxy appended: earlier entries are the client's own writing", () => {
    expect(forwardedFor("203.0.113.9, 198.51.100.4", "10.0.0.2", 1)).toBe("198.51.100.4");
    expect(forwardedFor("198.51.100.4", "10.0.0.2", 1)).toBe("198.51.100.4");
    expect(forwardedFor(["203.0.113.9", "198.51.100.4"], "10.0.0.2", 1)).toBe("198.51.100.4");
  });
  it("behind two proxies, is the one the farther proxy appended; a request that bypassed them is its connection's", () => {
    expect(forwardedFor("1.1.1.1, 198.51.100.4, 10.0.0.7", "10.0.0.2", 2)).toBe("198.51.100.4");
    expect(forwardedFor("", "10.0.0.2", 2)).toBe("10.0.0.2");
    expect(forwardedFor("10.0.0.7", "10.0.0.2", 2)).toBe("10.0.0.2");
  });
});
