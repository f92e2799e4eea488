import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { API_ROUTES, PAGES, PUBLIC_ROUTES, can } from "@/lib/auth/permissions";
import { ROLES, type StaffRole } from "@/lib/auth/roles";
import { expectServedHeading, signInAs } from "./helpers";

// Issue 17, "no 500s": random and hostile requests to every route handler and
// every server action the role table lists, signed in as a role that may use
// each (so the request gets past the guard to the parsing), and signed out.
// Whatever arrives, the answer is below 500: a 4xx with a message, a redirect,
// or the page again with its errors. fast-check generates the requests and, on
// a failure, shrinks to the smallest one that still gives a 5xx.
//
// Each request comes from its own made-up address (X-Forwarded-For), so the
// per-address limits on access codes and sign-in are not spent for the other
// browser tests running beside this one. Every field of a form is replaced by
// hostile text, ids included, so nothing real is changed.

const RUNS = Number(process.env.HOSTILE_RUNS ?? 12);

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "null",
    "undefined",
    "true",
    "[]",
    "{}",
    '{"__proto__":{"admin":true}}',
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "%00",
    "\u0000",
    "\r\nSet-Cookie: x=y",
    "2024-13-45",
    "9999-99",
    "00000000-0000-0000-0000-000000000000",
    "%E0%A4%A",
    "\uD800",
    "=cmd|' /C calc'!A0",
  ),
  fc.integer().map(String),
  fc.constant("x".repeat(100_000)),
);

const QUERY_NAMES = ["from", "to", "survey", "measure", "by", "weights", "period", "page", "q", "notice", "opens", "sample", "format", "id", "error", "reason"];
const hostileQuery = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 10 })), hostileText), { maxLength: 4 }).map((pairs) => {
  const q = new URLSearchParams();
  for (const [k, v] of pairs) q.append(k, v.slice(0, 2000));
  const s = q.toString();
  return s ? `?${s}` : "";
});

const contentTypes = fc.constantFrom(
  "application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=----x",
  "text/plain;charset=UTF-8",
  "text/csv",
  "application/octet-stream",
  "application/xml",
  "",
);

const hostileBody = fc.oneof(
  hostileText,
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    "{",
    "[{{{",
    '{"a":',
    '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
    "a=%ZZ&b",
    "\u0000\u0001\u0002",
    'client_ref,role\n"oops\n',
  ),
);

const methods = fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");

const address = fc
  .tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 }))
  .map(([a, b, c]) => `10.${a}.${b}.${c}`);

type Route = { path: string; who: StaffRole | null };

/** A header's value from any text (a lone surrogate cannot be %-encoded: a broken escape stands in). */
function headerText(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%E0%A4%A";
  }
}

// A browser names the page's origin on every post; without it Next.js would not run the action at all.
const ORIGIN = `http://localhost:${process.env.E2E_PORT}`;

/** Route handlers: each tried by the first role that may use it; public ones signed out. */
function routes(): Route[] {
  const listed: Route[] = API_ROUTES.map((r) => ({ path: r.path, who: ROLES.find((role) => can(role, r.permission)) ?? null }));
  const publicOnes = PUBLIC_ROUTES.filter((r) => r.route.startsWith("/api/") || r.route.startsWith("/s/")).flatMap((r) =>
    r.route === "/api/auth/[...nextauth]" ? [] : [{ path: r.route.replace("[token]", "not-a-real-token"), who: null }],
  );
  return [...listed, ...publicOnes];
}

async function expectBelow500(
  request: APIRequestContext,
  label: string,
  arbitrary: fc.Arbitrary<{ url: string; init: Parameters<APIRequestContext["fetch"]>[1] }>,
) {
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async ({ url, init }) => {
      const response = await request.fetch(url, { ...init, maxRedirects: 0, failOnStatusCode: false, timeout: 60_000 });
      return response.status() < 500;
    }),
    { numRuns: RUNS },
  );
  // The smallest request found that still gives a 5xx, cut short (a 100 kB value would flood the report).
  const shown = result.counterexample
    ? JSON.stringify(result.counterexample[0], (_, v: unknown) =>
        typeof v === "string" && v.length > 120 ? `${v.slice(0, 120)}… (${v.length} characters)` : v,
      )
    : "";
  expect(result.failed, `${label}: a 5xx for ${shown} (seed ${result.seed}, path ${result.counterexamplePath ?? ""})`).toBe(false);
}

function routeRequests(path: string) {
  return fc
    .record({ method: methods, query: hostileQuery, type: contentTypes, body: hostileBody, ip: address, fileName: hostileText })
    .map(({ method, query, type, body, ip, fileName }) => ({
      url: path + query,
      init: {
        method,
        headers: { ...(type ? { "content-type": type } : {}), "x-forwarded-for": ip, "x-file-name": headerText(fileName.slice(0, 200)) },
        ...(method === "GET" || method === "HEAD" ? {} : { data: body }),
      },
    }));
}

type ActionForm = { page: string; fields: [string, string][]; actionId: string | null };

/** The server-action forms of a page, as a browser without JavaScript sees them (React's hidden $ACTION fields). */
async function actionForms(request: APIRequestContext, page: string): Promise<ActionForm[]> {
  const response = await request.get(page, { maxRedirects: 0, failOnStatusCode: false });
  if (response.status() !== 200) return [];
  const html = await response.text();
  const forms: ActionForm[] = [];
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = form[1].match(/action="([^"]*)"/)?.[1] ?? "";
    if (action.startsWith("/api/")) continue; // next-auth's sign-out: not a server action
    const fields = [...form[2].matchAll(/<(?:input|select|textarea)\b[^>]*name="([^"]*)"(?:[^>]*value="([^"]*)")?/g)].map(
      (m) => [decode(m[1]), decode(m[2] ?? "")] as [string, string],
    );
    if (!fields.some(([name]) => name.startsWith("$ACTION"))) continue;
    const descriptor = fields.find(([name]) => /^\$ACTION_\d+:0$/.test(name))?.[1];
    const actionId =
      fields.find(([name]) => name.startsWith("$ACTION_ID_"))?.[0].slice("$ACTION_ID_".length) ??
      (descriptor ? ((JSON.parse(descriptor) as { id?: string }).id ?? null) : null);
    forms.push({ page, fields, actionId });
  }
  return forms;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A form posted with every field but React's own replaced by hostile text; or the action called as JavaScript calls it, with hostile arguments. */
function actionRequests(form: ActionForm) {
  const asForm = fc
    .record({ values: fc.array(hostileText, { minLength: form.fields.length, maxLength: form.fields.length }), ip: address, mangleBound: fc.boolean() })
    .map(({ values, ip, mangleBound }) => {
      const multipart: Record<string, string> = {};
      form.fields.forEach(([name, value], i) => {
        const keep =
          name.startsWith("$ACTION_REF") ||
          name.startsWith("$ACTION_ID") ||
          /^\$ACTION_\d+:0$/.test(name) ||
          name === "$ACTION_KEY" ||
          (!mangleBound && name.startsWith("$ACTION"));
        multipart[name] = keep ? value : values[i];
      });
      return { url: form.page, init: { method: "POST", headers: { "x-forwarded-for": ip, origin: ORIGIN }, multipart } };
    });
  if (!form.actionId) return asForm;
  const asScript = fc.record({ body: hostileBody, type: contentTypes, ip: address }).map(({ body, type, ip }) => ({
    url: form.page,
    init: {
      method: "POST",
      headers: { "next-action": form.actionId!, ...(type ? { "content-type": type } : {}), "x-forwarded-for": ip, origin: ORIGIN },
      data: body,
    },
  }));
  return fc.oneof(asForm, asScript);
}

test.describe.configure({ mode: "serial" });

for (const role of ROLES) {
  test(`${role.toLowerCase()}: hostile requests to its route handlers and server actions never answer 5xx`, async ({ page }) => {
    test.setTimeout(600_000);
    await signInAs(page, role);
    const request = page.request;
    for (const r of routes().filter((r) => r.who === role)) await expectBelow500(request, r.path, routeRequests(r.path));
    const pages = PAGES.filter((p) => can(role, p.permission) && (!p.route.includes("[") || p.path.startsWith("/questionnaires/")));
    let tried = 0;
    for (const p of pages) {
      for (const form of await actionForms(request, p.path)) {
        await expectBelow500(request, `${p.path} (action)`, actionRequests(form));
        tried++;
      }
    }
    // a role with pages of its own has forms to post (the guard above must have had something to try)
    expect(tried, `${role}: server-action forms found`).toBeGreaterThan(0);
  });
}

test("signed out: hostile requests to every route handler, server action and public page never answer 5xx", async ({ request }) => {
  test.setTimeout(600_000);
  for (const r of routes()) await expectBelow500(request, r.path, routeRequests(r.path));
  // the respondent's access-code form (public), and every staff page posted to without a session
  const forms = await actionForms(request, "/start");
  expect(forms.length, "the access-code form").toBeGreaterThan(0);
  for (const form of forms) await expectBelow500(request, "/start (action)", actionRequests(form));
  for (const p of PAGES) await expectBelow500(request, p.path, routeRequests(p.path));
});

// Issue 11: page parameters are checked by zod (lib/http/params.ts), not by
// regular expressions in pages; a malformed id is "Page not found", never a
// database error or a page about nothing.
test("a malformed id in a page's address is Page not found", async ({ browser }) => {
  test.setTimeout(300_000);
  const dynamicPages = PAGES.filter((p) => p.route.includes("[") && !p.path.startsWith("/questionnaires/"));
  expect(dynamicPages.length).toBeGreaterThan(5);
  for (const role of ROLES) {
    const mine = dynamicPages.filter((p) => can(role, p.permission) && ROLES.find((r) => can(r, p.permission)) === role);
    if (mine.length === 0) continue;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, role);
    let seenInBrowser = false;
    for (const p of mine) {
      const segments = p.path.split("/");
      const idAt = p.route.split("/").findIndex((s) => s.startsWith("["));
      for (const bad of ["x", "1'--", "12345678-1234-1234-1234-12345678901z", "-1"]) {
        const path = [...segments.slice(0, idAt), bad, ...segments.slice(idAt + 1)].join("/");
        if (!seenInBrowser) {
          const response = await page.goto(path);
          expect(response?.status(), `${role} on ${path}`).toBe(404);
          await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Page not found");
          await expect(page, path).toHaveTitle("Page not found – Fieldwork");
          seenInBrowser = true;
          continue;
        }
        // The rest by their status and the heading in the HTML sent (drawn without JavaScript, lib/http/page.tsx).
        await expectServedHeading(page, path, { status: 404, heading: "Page not found", title: "Page not found – Fieldwork", label: `${role} on ${path}` });
      }
    }
    await context.close();
  }
});
