import "server-only";
import type { ReactNode } from "react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { getAccessFallbackHTTPStatus, isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { AccessRefused, ACCESS_REFUSED_TITLE, PageNotFound } from "@/components/status/StatusPages";
import { can, pageFor } from "@/lib/auth/permissions";
import { getSessionUser } from "@/lib/auth/session";
import { noteResponseStatus } from "./node-server";

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
 * entry there. Not signed in: the page sends the visitor to sign-in.
 */
export function staffMetadata<P>(metadata: Metadata | ((props: P) => Promise<Metadata>)): (props: P) => Promise<Metadata> {
  return async function generateMetadata(props: P) {
    if (await refusedByRoleTable()) return { title: ACCESS_REFUSED_TITLE };
    return typeof metadata === "function" ? metadata(props) : metadata;
  };
}

async function refusedByRoleTable(): Promise<boolean> {
  const address = (await headers()).get("x-fieldwork-path");
  const entry = address ? pageFor(address.split(/[?#]/, 1)[0]) : undefined;
  if (!entry) return false;
  const user = await getSessionUser();
  return user !== null && !can(user.role, entry.permission);
}
