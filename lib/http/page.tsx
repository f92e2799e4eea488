import "server-only";
import type { ReactNode } from "react";
import { getAccessFallbackHTTPStatus, isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { AccessRefused, PageNotFound } from "@/components/status/StatusPages";
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
