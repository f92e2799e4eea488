import { NextResponse, type NextRequest } from "next/server";
import { CSRF_HEADER, csrfFor } from "@/lib/auth/csrf";
import { env } from "@/lib/env";
import { isRespondentPath } from "@/lib/cawi/paths";
import { actionBodyKind, isReadableActionBody, isReadableActionForm } from "@/lib/http/action-body";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";

// Passes the requested path to server components, so requireRole() can send
// someone who is not signed in back to the page they asked for; and next-auth's
// CSRF token, so sign-in and sign-out are plain forms that work without
// JavaScript (lib/auth/csrf.ts).
//
// Every page gets a Content-Security-Policy with a fresh nonce (issue 17): set
// on the request too, which is where Next.js finds the nonce for its own scripts.
// Route handlers' answers are never cached: they are all behind sign-in or personal.
export async function proxy(request: NextRequest) {
  const e = env();
  const refused = await unreadableAction(request);
  if (refused) return refused;
  const headers = new Headers(request.headers);
  headers.set("x-fieldwork-path", request.nextUrl.pathname + request.nextUrl.search);
  // Respondents' pages have no sign-in or sign-out form: no next-auth CSRF token to carry.
  const respondent = isRespondentPath(request.nextUrl.pathname);
  const csrf = respondent ? null : csrfFor((name) => request.cookies.get(name)?.value, e);
  if (csrf) headers.set(CSRF_HEADER, csrf.token);
  const csp = contentSecurityPolicy({ nonce: newNonce(), development: e.NODE_ENV === "development", identityProvider: e.OIDC_ISSUER });
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (request.nextUrl.pathname.startsWith("/api/")) response.headers.set("Cache-Control", "no-store");
  if (csrf?.set) response.cookies.set(csrf.set.name, csrf.set.value, csrf.set.options);
  if (respondent) {
    // Respondents' pages (issue 13): a personal link must not leak through Referer,
    // be kept by a shared cache, or be indexed. The link itself (/s/<token>)
    // answers with no-referrer and a redirect; the pages after it carry no token
    // and send Referer only to this site ("no-referrer" there would make form
    // posts carry "Origin: null", which Next refuses as a cross-site action).
    response.headers.set("Referrer-Policy", request.nextUrl.pathname.startsWith("/s/") ? "no-referrer" : "same-origin");
    response.headers.set("Cache-Control", "no-store");
    response.headers.set("X-Robots-Tag", "noindex");
  }
  return response;
}

const MAX_FORM_CHECKED = 10 * 1024 * 1024;

/**
 * A server action's request Next.js could not unpack answers 400 here instead
 * of its 500 (lib/http/action-body.ts): a script's call whose arguments are not
 * a list React can unpack (a reference to a part that is not there, say), or a
 * form whose hidden $ACTION fields are not. File uploads over 10 MB are not read twice.
 */
async function unreadableAction(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST") return null;
  const contentType = request.headers.get("content-type") ?? "";
  const multipart = actionBodyKind(contentType) === "multipart";
  let readable = true;
  const scriptCall = request.headers.has("next-action");
  if (scriptCall && !multipart) {
    readable = isReadableActionBody(contentType, await request.clone().text());
  } else if (multipart && Number(request.headers.get("content-length") ?? MAX_FORM_CHECKED) < MAX_FORM_CHECKED) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    readable = form !== null && isReadableActionForm(form.entries(), scriptCall);
  }
  if (readable) return null;
  return new NextResponse("The request could not be read: a server action takes a form or a list of arguments", {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

// Not api/frame/: Next buffers (and caps at 10 MB) the body of any request the
// proxy runs on, and frame uploads are streamed straight into the import. Not
// survey/answer and survey/start: a respondent's posts answer with a bare 303 and set their
// own headers (the respondent's hot path, bench/online-answers).
export const config = { matcher: ["/((?!_next/|assets/|api/auth/|api/frame/|survey/answer|survey/start|favicon.ico).*)"] };
