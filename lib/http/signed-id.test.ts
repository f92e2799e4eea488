import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

describe("a signed id in a respondent's cookie", () => {
  beforeAll(() => {
    vi.stubEnv("NEXTAUTH_SECRET", "a-test-secret-of-at-least-32-characters-long");
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/unused");
  });
  afterAll(() => vi.unstubAllEnvs());
  const id = "0f8fad5b-d9cb-469f-a165-70867728950e";

  it("gives back the id it signed, for the same purpose only", async () => {
    const { idFromSigned, signedId } = await import("./signed-id");
    const cookie = signedId("respondent", id);
    expect(idFromSigned("respondent", cookie)).toBe(id);
    expect(idFromSigned("feedback", cookie)).toBeNull();
  });

  it("refuses a missing, malformed, tampered or re-pointed cookie", async () => {
    const { idFromSigned, signedId } = await import("./signed-id");
    const [, mac] = signedId("respondent", id).split(".");
    const other = "6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b";
    for (const value of [undefined, "", id, `${id}.`, `not-an-id.${mac}`, `${other}.${mac}`, `${id}.${mac.slice(0, -1)}x`]) {
      expect(idFromSigned("respondent", value), String(value)).toBeNull();
    }
  });
});
