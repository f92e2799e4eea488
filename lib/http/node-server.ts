import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";

/**
 * Where every request enters the Node.js server (issue 17). The access log: one structured line per request with the method,
 * the path without its query string (queries can carry search terms, tokens
 * and email addresses), the status, the duration and the signed-in user's id.
 *
 * Next.js has no hook that sees a response's status, so the log sits where
 * every request enters the Node.js server: the server's "request" event. Each
 * request runs in an AsyncLocalStorage context, so the authorisation check
 * (lib/auth/session.ts) can name the user it found, wherever in the request.
 */
type RequestContext = { userId?: string; status?: number; formError?: boolean };

// One store for the whole process. Next.js bundles this file twice, once with
// the instrumentation that installs the hook and once into the pages that name
// the user and the status: two module copies, and each would otherwise have its
// own AsyncLocalStorage that the other never sees (every access-log line said
// userId null in production until this was shared).
const CONTEXT_KEY = Symbol.for("fieldwork.request-context");
const context: AsyncLocalStorage<RequestContext> = ((globalThis as Record<symbol, unknown>)[CONTEXT_KEY] ??=
  new AsyncLocalStorage<RequestContext>()) as AsyncLocalStorage<RequestContext>;

/** Called by the authorisation check: this request is this user's. */
export function noteRequestUser(userId: string): void {
  const store = context.getStore();
  if (store) store.userId = userId;
}

/**
 * Called by a page that refuses in place (lib/http/page.tsx): this request's
 * answer, drawn as a page, goes out with this status instead of 200. Next.js
 * gives a page no other way to set one without its error shell.
 */
export function noteResponseStatus(status: number): void {
  const store = context.getStore();
  if (store) store.status = status;
}

/**
 * Called when a server action sends its form back with errors (lib/http/action.ts):
 * the page drawn in answer to the post, as a browser without JavaScript gets it,
 * is titled "Error: ..." (staffMetadata, lib/http/page.tsx; the GOV.UK error pattern).
 */
export function noteFormError(): void {
  const store = context.getStore();
  if (store) store.formError = true;
}

/** Whether this request's server action sent its form back with errors. */
export function formErrorNoted(): boolean {
  return context.getStore()?.formError === true;
}

/** Framework assets say nothing an auditor needs; everything else is logged. */
const QUIET = /^\/(?:_next\/|assets\/|govuk\/|favicon\.ico$)/;

/** The path as logged: no query string, no fragment, control characters removed, cut at 300 characters. */
export function loggedPath(url: string | undefined): string {
  const path = (url ?? "/").split(/[?#]/, 1)[0];
  return path.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 300);
}

/** A personal link's token is a key to someone's answers: /s/<token> (survey) and /f/<token> (feedback, issue 14) are logged as /s/… and /f/… */
export function withoutTokens(path: string): string {
  return path.replace(/^\/([sf])\/[^/]+/, "/$1/…");
}

/**
 * Requests Next.js cannot take apart answer 405 or 400 here, before it tries:
 * TRACE (and TRACK, CONNECT) make its Request constructor throw, and a
 * multipart body without a boundary makes its form parser throw, both as 500s.
 */
export function refusal(request: Pick<http.IncomingMessage, "method" | "headers">): { status: number; message: string; allow?: string } | null {
  const method = (request.method ?? "").toUpperCase();
  if (!ALLOWED_METHODS.has(method)) return { status: 405, message: `${method || "This method"} is not allowed here`, allow: [...ALLOWED_METHODS].join(", ") };
  const type = String(request.headers["content-type"] ?? "");
  if (/^\s*multipart\/form-data/i.test(type) && !/;\s*boundary=("[^"]+"|[^;\s]+)/i.test(type)) {
    return { status: 400, message: "The form could not be read: a multipart body needs a boundary" };
  }
  return null;
}

/**
 * The one address X-Forwarded-For may say, from the connection and the number
 * of proxies in front (`TRUSTED_PROXY_HOPS`). With none, the connection's own
 * address: whatever the client wrote is ignored. With n, the address the
 * farthest trusted proxy saw: the n-th entry from the end of the list (each
 * proxy appends the address it was reached from), or the connection's own when
 * the list is shorter (a request that bypassed a proxy).
 */
export function forwardedFor(header: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string {
  const own = socketAddress ?? "unknown";
  if (trustedHops === 0) return own;
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  return hops.length >= trustedHops ? hops[hops.length - trustedHops]! : own;
}

const ALLOWED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

let installed = false;

/**
 * Wraps every Node.js HTTP server's request event in this process (once):
 * sets the client's address (X-Forwarded-For, see `forwardedFor`), refuses what
 * Next.js cannot handle, and writes the access log when a logger is given.
 */
export function installServerHooks({ accessLog, trustedProxyHops = 0 }: { accessLog: Logger | null; trustedProxyHops?: number }): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  const pass = (server: http.Server, event: string | symbol, args: unknown[]) => (emit as (...a: unknown[]) => boolean).call(server, event, ...args);
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return pass(this, event, args);
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    // Before Next.js sees it (it keeps a client's X-Forwarded-For as it is).
    request.headers["x-forwarded-for"] = forwardedFor(request.headers["x-forwarded-for"], request.socket.remoteAddress, trustedProxyHops);
    delete request.headers["x-real-ip"];
    const path = loggedPath(request.url);
    const log = accessLog && !QUIET.test(path) ? accessLog : null;
    const store: RequestContext = {};
    const started = performance.now();
    if (log) {
      let logged = false;
      const done = () => {
        if (logged) return;
        logged = true;
        log.info(
          {
            access: {
              method: String(request.method).slice(0, 16),
              path: withoutTokens(path),
              status: response.statusCode,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              userId: store.userId ?? null,
              // the client hung up before the answer was sent
              ...(response.writableFinished ? {} : { aborted: true }),
            },
          },
          "request",
        );
      };
      response.once("finish", done);
      response.once("close", done);
    }
    const refused = refusal(request);
    if (refused) {
      response.statusCode = refused.status;
      response.setHeader("Content-Type", "text/plain; charset=utf-8");
      response.setHeader("Cache-Control", "no-store");
      if (refused.allow) response.setHeader("Allow", refused.allow);
      request.resume();
      response.end(refused.message);
      return true;
    }
    // A page's own status (noteResponseStatus) replaces the 200 Next.js would send;
    // a redirect or an error of its own keeps its status.
    const writeHead = response.writeHead;
    response.writeHead = function (this: http.ServerResponse, statusCode: number, ...rest: unknown[]) {
      if (statusCode === 200 && store.status) {
        this.statusCode = store.status;
        return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, store.status, ...rest.filter((x) => typeof x !== "string"));
      }
      return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, statusCode, ...rest);
    } as typeof response.writeHead;
    return context.run(store, () => pass(this, event, args));
  } as typeof http.Server.prototype.emit;
}
