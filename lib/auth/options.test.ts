import { afterAll, describe, expect, it, vi } from "vitest";

async function providersWith(vars: Record<string, string>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  vi.stubEnv("DATABASE_URL", "postgresql://localhost/unused");
  vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(32));
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  const { authOptions } = await import("./options");
  return authOptions().providers.map((p) => ({ id: p.id, name: p.name, wellKnown: (p as { wellKnown?: string }).wellKnown }));
}

// The first import of the auth modules (next-auth and its providers) takes over 5 s on a busy machine.
describe("sign-in providers", { timeout: 30_000 }, () => {
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
  it("offers email and password only, by default", async () => {
    expect((await providersWith({})).map((p) => p.id)).toEqual(["credentials"]);
  });

  it("adds OpenID Connect when its three settings are present", async () => {
    const providers = await providersWith({
      OIDC_ISSUER: "https://login.example.gov.uk/",
      OIDC_CLIENT_ID: "fieldwork",
      OIDC_CLIENT_SECRET: "secret",
      OIDC_NAME: "DWP sign-in",
    });
    expect(providers.map((p) => p.id)).toEqual(["credentials", "oidc"]);
    expect(providers[1]).toMatchObject({ name: "DWP sign-in", wellKnown: "https://login.example.gov.uk/.well-known/openid-configuration" });
  });
});
