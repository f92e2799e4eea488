import { NextResponse, type NextRequest } from "next/server";

// Passes the requested path to server components, so requireRole() can send
// someone who is not signed in back to the page they asked for.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-fieldwork-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!_next/|assets/|api/auth/|favicon.ico).*)"] };
