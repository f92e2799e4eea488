import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the customer's OpenID Connect identity provider (README
 * "OpenID Connect"), which the browser tests cannot reach: its discovery
 * document, and an authorisation page that shows what it was asked. Enough to
 * prove that "Sign in with ..." starts the provider's sign-in, with or without
 * JavaScript; signing in there is the provider's own business.
 */
export async function startFakeIdentityProvider(): Promise<{ issuer: string; close: () => void }> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    if (url.pathname === "/.well-known/openid-configuration") {
      response.setHeader("Content-Type", "application/json");
      response.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ["code"],
          subject_types_supported: ["public"],
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      );
      return;
    }
    if (url.pathname === "/authorize") {
      response.setHeader("Content-Type", "text/html; charset=utf-8");
      const client = url.searchParams.get("client_id") ?? "";
      response.end(
        `<!doctype html><html lang="en"><title>E2E identity provider</title><h1>E2E identity provider</h1><p>Sign-in asked for by ${client.replace(/[^\w.-]/g, "")}</p></html>`,
      );
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, close: () => server.close() };
}
