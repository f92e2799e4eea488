import { describe, expect, it } from "vitest";
import { fillProblems, renderSegments, renderText } from "./fills";
import { listQuestionnaireVersions } from "./registry";
import type { CaseAttributes } from "./attributes";

// Issue 18: a fill the script cannot resolve on a live case is a failure here,
// and no screen ever shows literal {{...}} braces (live cases, preview, "try it").

/** Every string anywhere in a version (texts, instructions, labels, hints), with its path. */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe.each(listQuestionnaireVersions().map((v) => [v.id, v] as const))("%s", (_id, version) => {
  // What a live telephone or online case of this survey carries: a quarterly
  // survey (CES, sampling.md) has no one contact month.
  const live: CaseAttributes = {
    role: version.survey === "OPTIONS" ? "MAIN_CARE" : "RECEIVING_PARENT",
    contactReason: "NEW_APPLICATION",
    service: version.survey === "OPTIONS" ? "OPTIONS" : "CMS",
    contactMonth: version.survey === "CES" ? undefined : "2015-03",
    clientRef: "C123",
    clientName: "Ms Alex Smith",
  };
  const texts = strings(version.screens);

  it("has texts to check", () => {
    expect(texts.length).toBeGreaterThan(10);
  });

  it("every fill is known and resolves on a live case", () => {
    const unresolved = texts.flatMap(([path, text]) => [
      ...fillProblems(text).map((p) => `${path}: ${p}`),
      ...renderSegments(text, live)
        .filter((s) => s.kind === "fill" && s.missing)
        .map((s) => `${path}: {{${s.kind === "fill" ? s.name : ""}}} has no value on a live ${version.survey} case`),
    ]);
    expect(unresolved).toEqual([]);
  });

  it("shows no braces, with a full case or none (the preview and try it)", () => {
    for (const attrs of [live, {}]) {
      const braces = texts.filter(([, text]) => /\{\{|\}\}/.test(renderText(text, attrs))).map(([path]) => path);
      expect(braces).toEqual([]);
    }
  });

  it("asks for the client by name in the telephone introduction", () => {
    const intro = version.screens.find((s) => s.kind === "info" && s.role === "INTRODUCTION");
    if (!version.settings.modes.includes("PHONE")) return;
    expect(renderText(intro?.interviewerInstruction ?? "", live)).toContain("Ms Alex Smith");
  });
});
