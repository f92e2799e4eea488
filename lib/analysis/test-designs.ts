// Designs of every kind on one synthetic sample, for the tests that hold a fast
// path equal to the general one (estimates.test.ts, linearisation.test.ts).
import type { Respondents } from "./data";
import type { SurveyDesign } from "./design";
import { seededRandom, syntheticRespondents } from "./synthetic";
import { parseTargets } from "./targets";
import { buildDesign } from "./weighting";

export function exampleDesigns(n = 3000): { r: Respondents; designs: Record<string, SurveyDesign> } {
  const s = syntheticRespondents(n, 41, 500_000, ["role", "age_band", "gender"]);
  const rnd = seededRandom(9);
  const r = { ...s.respondents, numbers: { d: Float64Array.from({ length: s.respondents.n }, () => 0.5 + rnd() * 3) } };
  const designs = {
    none: buildDesign(r, { method: "none" }),
    "none, stratified": buildDesign(r, { method: "none", strata: "contact_reason" }),
    supplied: buildDesign(r, { method: "supplied", column: "d", strata: "service_length" }),
    raked: buildDesign(r, { method: "rake", targets: s.targets }),
    "raked, stratified": buildDesign(r, { method: "rake", targets: s.targets, strata: "contact_reason" }),
    "raked from base weights": buildDesign(r, { method: "rake", targets: s.targets, baseWeights: "d", strata: "service_length" }),
    poststratified: buildDesign(r, { method: "poststratify", targets: parseTargets(s.targetRows.filter((t) => t.variable === "age_band")) }),
  };
  return { r, designs };
}

/** |a − b| within 1e-9 of b, or 1e-18 absolute (a raking margin's own share has a variance of 0 up to rounding: an SE of 1e-9 at most). */
export function closeEnough(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.abs(b) + 1e-18;
}
