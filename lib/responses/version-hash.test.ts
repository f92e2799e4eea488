import { describe, expect, it } from "vitest";
import { getQuestionnaireVersion, listQuestionnaireVersions, type QuestionnaireVersion } from "@/lib/questionnaire";
import { canonicalJson, versionContentHash } from "./version-hash";

describe("versionContentHash", () => {
  it("ignores key order and undefined fields", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: "x" }] })).toBe(canonicalJson({ a: [2, { c: "x" }], b: 1 }));
  });

  it("differs between versions and changes with any wording or routing", () => {
    const hashes = listQuestionnaireVersions().map(versionContentHash);
    expect(new Set(hashes).size).toBe(hashes.length);
    const cms = getQuestionnaireVersion("CMS-2015")!;
    const reworded: QuestionnaireVersion = structuredClone(cms);
    const sat = reworded.screens.find((s) => s.id === "CMS_SAT")!;
    if (sat.kind === "single") sat.text = `${sat.text} `;
    expect(versionContentHash(reworded)).not.toBe(versionContentHash(cms));
    const rerouted: QuestionnaireVersion = structuredClone(cms);
    rerouted.screens.find((s) => s.id === "CMS_CS_INFORMED")!.askedOf = undefined;
    expect(versionContentHash(rerouted)).not.toBe(versionContentHash(cms));
    expect(versionContentHash(structuredClone(cms))).toBe(versionContentHash(cms));
  });
});
