import { NextResponse, type NextRequest } from "next/server";

// Passes the requested path to server components, so requireRole() can send
// someone who is not signed in back to the page they asked for.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-fieldwork-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Not api/frame/: Next buffers (and caps at 10 MB) the body of any request the
// proxy runs on, and frame uploads are streamed straight into the import.
export const config = { matcher: ["/((?!_next/|assets/|api/auth/|api/frame/|favicon.ico).*)"] };
