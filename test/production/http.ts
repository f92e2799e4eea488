// A person at a browser, reduced to what the production tests need: a cookie jar
// (cookies belong to the host, not the port, so one jar serves every instance on
// localhost, as a browser behind a load balancer would), next-auth's sign-in
// over its own endpoints, and a page's form posted without JavaScript.
import http from "node:http";

export class Visitor {
  private cookies = new Map<string, string>();

  constructor(public base: string) {}

  /** The same person (same cookies) talking to another instance. */
  at(base: string): Visitor {
    const other = new Visitor(base);
    other.cookies = this.cookies;
    return other;
  }

  /** The Cookie header this visitor sends (for a request made another way, such as a streamed upload). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    // A browser names the page's origin on every POST (Next checks it for server actions).
    if (init.method === "POST") headers.set("origin", new URL(this.base).origin);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const response = await send(new Request(new URL(pathname, this.base), { ...init, headers }));
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** next-auth's credentials sign-in: csrf token, then the callback. Returns the error code, or null when signed in. */
  async signIn(email: string, password: string): Promise<string | null> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/", json: "true" }),
    });
    const location = response.headers.get("location") ?? ((await response.json().catch(() => ({}))) as { url?: string }).url ?? "";
    return new URL(location, this.base).searchParams.get("error");
  }

  async session(): Promise<{ user?: { email?: string; role?: string } }> {
    return (await (await this.fetch("/api/auth/session")).json()) as { user?: { email?: string; role?: string } };
  }

  /**
   * Submits the first form on `pathname` that has a submit button named `button`, as a
   * browser without JavaScript does (React renders a server action's form with hidden
   * fields naming the action). Returns the response (a redirect after an action).
   */
  async submitForm(pathname: string, button: string, fields: Record<string, string> = {}): Promise<Response> {
    const page = await this.fetch(pathname);
    if (page.status !== 200) throw new Error(`${pathname} answered ${page.status}`);
    const html = await page.text();
    const form = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].find((m) => m[1].includes(`>${button}</button>`));
    if (!form) throw new Error(`no form with a "${button}" button on ${pathname}`);
    const body = new FormData();
    for (const input of form[1].matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = input[0].match(/name="([^"]*)"/)?.[1];
      const value = input[0].match(/value="([^"]*)"/)?.[1] ?? "";
      if (name) body.append(decodeEntities(name), decodeEntities(value));
    }
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    const action = form[0].match(/<form\b[^>]*action="([^"]*)"/)?.[1] || pathname;
    return this.fetch(decodeEntities(action), { method: "POST", body });
  }
}

/**
 * One request on a connection of its own (node:http, no keep-alive): fetch's pooled
 * connections met "other side closed" when the server dropped an idle one just as
 * it was reused on the loaded test machine. Redirects are returned, not followed.
 */
async function send(request: Request): Promise<Response> {
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const url = new URL(request.url);
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: request.method,
        headers: Object.fromEntries(request.headers),
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (c: Buffer) => chunks.push(c));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
          }
          const status = incoming.statusCode ?? 500;
          resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers }));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
