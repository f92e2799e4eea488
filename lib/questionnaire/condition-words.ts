import type { ContactReason, PaymentMethod, ClientRole } from "./attributes";
import type { AnswerCondition, CaseCondition, Condition } from "./conditions";
import { formatMonth, SERVICE_NAMES } from "./fills";
import { choiceOptions } from "./question-options";
import type { QuestionnaireVersion, Screen } from "./schema";

// Routing rules in plain words for the preview page, e.g.
// "Asked of: Receiving parents not on Direct Pay" (questionnaires.md, "asked of").
// The condition is first put in negation normal form (De Morgan), then each
// clause becomes a noun ("receiving parents") with qualifiers ("not on Direct Pay").

const ROLE_PLURALS: Record<ClientRole, string> = {
  RECEIVING_PARENT: "receiving parents",
  PAYING_PARENT: "paying parents",
  MAIN_CARE: "parents with main day-to-day care",
  SOME_OR_NO_CARE: "parents with some or no day-to-day care",
  OTHER: "other clients",
};

const REASON_PHRASES: Record<ContactReason, string> = {
  NEW_APPLICATION: "a new application",
  CHANGE_OF_CIRCUMSTANCES: "a change of circumstances",
  ARREARS: "arrears",
  COMPLAINT: "a complaint",
  CASE_CLOSURE: "a case closure",
  ENQUIRY: "an enquiry",
};

const PAYMENT_PHRASES: Record<PaymentMethod, string> = {
  DIRECT_PAY: "Direct Pay",
  COLLECT_AND_PAY: "Collect and Pay",
  NONE: "no payment arrangement",
};

type Atom = CaseCondition | AnswerCondition;
type Normal = { all: Normal[] } | { any: Normal[] } | { atom: Atom; negated: boolean };

function normalise(condition: Condition, negated = false): Normal {
  if ("all" in condition) {
    const parts = condition.all.map((c) => normalise(c, negated));
    return negated ? { any: parts } : { all: parts };
  }
  if ("any" in condition) {
    const parts = condition.any.map((c) => normalise(c, negated));
    return negated ? { all: parts } : { any: parts };
  }
  if ("not" in condition) return normalise(condition.not, !negated);
  return { atom: condition, negated };
}

/** A group of people: a noun ("receiving parents") and qualifiers, or already-joined words. */
type Phrase = { noun?: string; quals: string[] } | { words: string };

export function joinOr(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function render(phrase: Phrase): string {
  if ("words" in phrase) return phrase.words;
  return [phrase.noun ?? "respondents", ...phrase.quals].join(" ");
}

function describeNormal(n: Normal, version?: QuestionnaireVersion): Phrase {
  if ("atom" in n) return describeAtom(n.atom, n.negated, version);
  const parts = ("all" in n ? n.all : n.any).map((p) => describeNormal(p, version));
  if ("any" in n) {
    // "with a or with b" stays one group when no part names a noun.
    if (parts.every((p) => !("words" in p) && p.noun === undefined)) {
      return { quals: [joinOr(parts.map((p) => ("words" in p ? p.words : p.quals.join(" and "))))] };
    }
    return { words: parts.map(render).join(", or ") };
  }
  let noun: string | undefined;
  const quals: string[] = [];
  for (const p of parts) {
    if ("words" in p) quals.push(`who are ${p.words}`);
    else {
      if (p.noun !== undefined && noun === undefined) noun = p.noun;
      else if (p.noun !== undefined) quals.push(`who are ${p.noun}`);
      quals.push(...p.quals);
    }
  }
  return { noun, quals: quals.length > 1 ? [quals.slice(0, -1).join(", ") + " and " + quals[quals.length - 1]] : quals };
}

function quote(s: string): string {
  return `"${s}"`;
}

function describeAtom(atom: Atom, negated: boolean, version?: QuestionnaireVersion): Phrase {
  const not = negated ? "not " : "";
  if ("case" in atom) {
    switch (atom.case) {
      case "role": {
        const nouns = joinOr(atom.in.map((r) => ROLE_PLURALS[r]));
        return negated ? { quals: [`who are not ${nouns}`] } : { noun: nouns, quals: [] };
      }
      case "contactReason":
        return { quals: [`whose contact was ${not}about ${joinOr(atom.in.map((r) => REASON_PHRASES[r]))}`] };
      case "paymentMethod":
        return { quals: [`${not}on ${joinOr(atom.in.map((p) => PAYMENT_PHRASES[p]))}`] };
      case "service":
        return { quals: [`${negated ? "not using" : "using"} ${joinOr(atom.in.map((s) => `the ${SERVICE_NAMES[s]}`))}`] };
      case "contactMonth":
        return { quals: [monthPhrase(atom.from, atom.to, negated)] };
    }
  }
  if ("answered" in atom) return { quals: [`who ${negated ? "did not answer" : "answered"} ${atom.answered}`] };
  const labels = (codes: Array<string | number>) => codes.map((c) => quote(optionLabel(version, atom.answer, c)));
  if ("includesAny" in atom) {
    const list = joinOr(labels(atom.includesAny));
    return { quals: [`whose answer to ${atom.answer} includes ${negated ? "none of " : ""}${list}`] };
  }
  return { quals: [`who ${negated ? "did not answer" : "answered"} ${joinOr(labels(atom.in))} at ${atom.answer}`] };
}

function monthPhrase(from: string | undefined, to: string | undefined, negated: boolean): string {
  const f = from && formatMonth(from);
  const t = to && formatMonth(to);
  if (f && t) return `with a contact month ${negated ? "outside" : "from"} ${f} to ${t}`;
  if (f) return negated ? `with a contact month before ${f}` : `with a contact month of ${f} or later`;
  return negated ? `with a contact month after ${t}` : `with a contact month of ${t} or earlier`;
}

function optionLabel(version: QuestionnaireVersion | undefined, questionId: string, code: string | number): string {
  if (code === "REFUSED") return "Refused";
  const question = version?.screens.find((s) => s.id === questionId);
  const option = question ? choiceOptions(question).find((o) => o.code === code) : undefined;
  return option ? option.label : String(code);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A routing condition in plain English. Pass the version to name answer options
 * by their labels rather than their codes.
 */
export function describeCondition(condition: Condition, version?: QuestionnaireVersion): string {
  return capitalise(render(describeNormal(normalise(condition), version)));
}

/** "Asked of: ..." for a screen, as the preview page shows it. */
export function describeAskedOf(screen: Screen, version?: QuestionnaireVersion): string {
  return `Asked of: ${screen.askedOf ? describeCondition(screen.askedOf, version) : "all respondents"}`;
}
