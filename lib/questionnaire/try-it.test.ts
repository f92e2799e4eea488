import { describe, expect, it } from "vitest";
import { getQuestionnaireVersion } from "./registry";
import { parseTryParams, tryHiddenFields, tryQuery, tryStep, type Params, type TryState } from "./try-it";

const cms = getQuestionnaireVersion("CMS-2015")!;
const ces = getQuestionnaireVersion("CES-2023")!;

function params(query: string): Params {
  const out: Params = {};
  for (const [k, v] of new URLSearchParams(query)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** Submits an answer on the state's screen, following the redirect. */
function submit(version = cms, state: TryState, answer: string[], extra = ""): TryState {
  const hidden = tryHiddenFields(state, state.at!);
  const q = new URLSearchParams(hidden);
  for (const a of answer) q.append("answer", a);
  const result = tryStep(version, state, params(`${q.toString()}${extra}`));
  if (!("redirect" in result)) throw new Error(JSON.stringify(result.view));
  const parsed = parseTryParams(version, params(result.redirect.slice(1)));
  if (!parsed.started) throw new Error("not started");
  return parsed.state;
}

function view(version: typeof cms, state: TryState) {
  const result = tryStep(version, state, {});
  if ("redirect" in result) throw new Error("unexpected redirect");
  return result.view;
}

describe("try it", () => {
  it("is not started until the case form is sent, and reads the case from it", () => {
    expect(parseTryParams(cms, {})).toEqual({ started: false });
    expect(parseTryParams(cms, params("mode=PHONE&role=NOPE"))).toMatchObject({ started: false, problem: expect.stringContaining("role") });
    const parsed = parseTryParams(cms, params("mode=PHONE&role=PAYING_PARENT&contactReason=&contactMonth=2015-04"));
    expect(parsed).toEqual({
      started: true,
      state: { mode: "PHONE", caseAttributes: { service: "CMS", role: "PAYING_PARENT", contactMonth: "2015-04" }, answers: {}, at: undefined, done: false },
    });
  });

  it("runs CMS-2015 with the real routing, Back showing kept answers, to the end", () => {
    let state = (parseTryParams(cms, params("mode=PHONE&contactMonth=2015-04")) as { state: TryState }).state;
    let v = view(cms, state);
    expect(v).toMatchObject({ kind: "screen", screen: { id: "INTRO" }, number: 1, backQuery: undefined });
    state = { ...state, at: "INTRO" };
    state = submit(cms, state, []);
    state = submit(cms, state, []);
    expect(state.at).toBe("CMS_SAT");
    state = submit(cms, state, ["SATISFIED"]);
    state = submit(cms, state, ["AGREE"]);
    expect(state.at).toBe("CMS_CS_COURTESY");
    v = view(cms, state);
    if (v.kind !== "screen" || !v.backQuery) throw new Error("expected a screen with Back");
    const back = (parseTryParams(cms, params(v.backQuery.slice(1))) as { state: TryState }).state;
    expect(view(cms, back)).toMatchObject({ kind: "screen", screen: { id: "CMS_CS_POLITE" }, fields: { answer: ["AGREE"] } });
    state = back;
    for (const code of ["STRONGLY_AGREE", "AGREE", "AGREE", "AGREE", "AGREE", "AGREE", "AGREE"]) state = submit(cms, state, [code]);
    // April 2015: the kept-informed statement is skipped.
    expect(state.at).toBe("THANK_YOU");
    state = submit(cms, state, []);
    expect(state.done).toBe(true);
    const end = view(cms, state);
    expect(end).toMatchObject({ kind: "done", complete: true, offRoute: [] });
    if (end.kind === "done") {
      expect(end.effective.CMS_CS_POLITE).toEqual({ kind: "choice", code: "STRONGLY_AGREE" });
      expect(end.effective.CMS_CS_INFORMED).toBeUndefined();
    }
  });

  it("shows the same screen with the error and what was entered when an answer is invalid", () => {
    const state: TryState = { mode: "ONLINE", caseAttributes: { service: "CMS" }, answers: {}, at: "CES_SAT" };
    const q = new URLSearchParams(tryHiddenFields(state, "CES_SAT"));
    const result = tryStep(ces, state, params(q.toString()));
    expect(result).toMatchObject({ view: { kind: "screen", screen: { id: "CES_SAT" }, error: { code: "NO_SELECTION" } } });
  });

  it("lists answers that fell off the route at the end, and leaves them out of the effective answers", () => {
    let state: TryState = {
      mode: "ONLINE",
      caseAttributes: { service: "CMS", role: "PAYING_PARENT", contactReason: "ARREARS" },
      answers: {},
      at: "CES_CHANNELS",
    };
    state = submit(ces, state, ["PHONE"]);
    state = submit(ces, state, ["NO"]);
    expect(state.at).toBe("CES_GR_DID_SAY");
    state = submit(ces, state, ["AGREE"]);
    state = submit(ces, { ...state, at: "CES_CHANNELS" }, ["LETTER"]);
    const end = view(ces, { ...state, done: true });
    expect(end).toMatchObject({ kind: "done", complete: false, offRoute: ["CES_GR_DID_SAY"] });
  });

  it("survives a tampered address", () => {
    expect(parseTryParams(cms, params("mode=PHONE&answers=%%%"))).toMatchObject({ started: false, problem: expect.stringContaining("Start again") });
    expect(parseTryParams(cms, params(`mode=PHONE&answers=${Buffer.from('{"CMS_SAT":{"kind":"html","x":"<b>"}}').toString("base64url")}`))).toMatchObject({
      started: false,
    });
    // A screen that is not on the route shows where the runner says to resume.
    const off: TryState = { mode: "PHONE", caseAttributes: { contactMonth: "2015-04" }, answers: {}, at: "CMS_CS_INFORMED" };
    expect(view(cms, off)).toMatchObject({ kind: "screen", screen: { id: "INTRO" } });
    expect(tryQuery(off)).toContain("at=CMS_CS_INFORMED");
  });
});
