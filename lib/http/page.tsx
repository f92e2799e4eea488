import "server-only";
import type { ReactNode } from "react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ZodType } from "zod";
import { getAccessFallbackHTTPStatus, isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { AccessRefused, ACCESS_REFUSED_TITLE, PageNotFound, PAGE_NOT_FOUND_TITLE } from "@/components/status/StatusPages";
import { accessFor, pageFor } from "@/lib/auth/permissions";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { formErrorNoted, noteResponseStatus } from "./node-server";

/**
 * Every staff page's default export: the page, or its refusal drawn in place.
 *
 * `requireRole` refuses with `forbidden()` and a missing record is `notFound()`;
 * thrown while a page renders, Next.js answers with its error shell, whose body
 * is empty until JavaScript draws the fallback from the RSC payload (Next.js
 * issue #98954). Without JavaScript, "You do not have access" and "Page not
 * found" were blank pages. So a page's own refusal is caught here and drawn
 * inside the layout like any page, and its status (403, 404) goes out through
 * the server hook (lib/http/node-server.ts). A redirect (sign-in) and any other
 * error pass through as before.
 */
export function staffPage<P>(render: (props: P) => Promise<ReactNode>): (props: P) => Promise<ReactNode> {
  return async function Page(props: P) {
    try {
      return await render(props);
    } catch (error) {
      if (!isHTTPAccessFallbackError(error)) throw error;
      const status = getAccessFallbackHTTPStatus(error);
      noteResponseStatus(status);
      return status === 404 ? <PageNotFound /> : <AccessRefused />;
    }
  };
}

/**
 * Every staff page's metadata (`export const generateMetadata = staffMetadata(...)`):
 * its own, or "You do not have access" when the signed-in role may not open
 * the page. A page that refuses in place (staffPage) cannot change its
 * <title>: Next.js resolves the metadata apart from the page, and a second
 * <title> the page drew would come after the first, which browsers and screen
 * readers take. So the title asks the role table (PAGES, by the address the
 * proxy passes on) what the page's own requireRole() will answer;
 * lib/http/page.test.ts holds each page's requireRole() permission equal to its
 * entry there; both decide through accessFor (lib/auth/permissions.ts). A metadata
 * function is called only for someone the page will let in, with that user
 * (nothing is read for anyone else); for the rest the page sends them to
 * sign-in or to change their password, and the title is the page's name.
 */
export function staffMetadata<P>(metadata: Metadata | ((props: P, user: SessionUser) => Promise<Metadata>), name?: string): (props: P) => Promise<Metadata> {
  return async function generateMetadata(props: P) {
    const { access, user } = await accessByRoleTable();
    if (access === "refused") return { title: ACCESS_REFUSED_TITLE };
    const own = typeof metadata !== "function" ? metadata : access === "open" && user ? await metadata(props, user) : { title: name };
    // A form sent back with errors (a server action posted without JavaScript): "Error: " first, as GOV.UK asks.
    if (formErrorNoted() && typeof own.title === "string" && !own.title.startsWith(ERROR_PREFIX)) return { ...own, title: ERROR_PREFIX + own.title };
    return own;
  };
}

/**
 * The metadata of a page about one record (`/samples/[id]`): titled `title`
 * (or the title it makes of the address's parameters), or "Page not found"
 * when the address's parameters are malformed or `find` finds nothing, as the
 * page will answer. `find` is called only for someone the page lets in, with
 * that user; give the page the same `find` wrapped in React's cache, so the
 * record is read once per request.
 */
export function recordMetadata<T>(schema: ZodType<T>, title: string | ((params: T) => string), find?: (params: T, user: SessionUser) => Promise<unknown>) {
  return staffMetadata(
    async ({ params }: { params: Promise<unknown> }, user): Promise<Metadata> => {
      const parsed = schema.safeParse(await params);
      if (!parsed.success || (find && (await find(parsed.data, user)) == null)) return { title: PAGE_NOT_FOUND_TITLE };
      return { title: typeof title === "string" ? title : title(parsed.data) };
    },
    typeof title === "string" ? title : undefined,
  );
}

const ERROR_PREFIX = "Error: ";

/** What the page's own requireRole() will answer (accessFor), by the role table's entry for the address; no entry: nothing is read. */
async function accessByRoleTable(): Promise<{ access: ReturnType<typeof accessFor> | "unlisted"; user: SessionUser | null }> {
  const address = (await headers()).get("x-fieldwork-path");
  const entry = address ? pageFor(address.split(/[?#]/, 1)[0]) : undefined;
  const user = await getSessionUser();
  return { access: entry ? accessFor(user, entry.permission) : "unlisted", user };
}
