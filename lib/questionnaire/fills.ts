import type { CaseAttributes, ContactReason, Service } from "./attributes";

// Fills: words substituted from the case into question text. questionnaires.md
// writes them in (brackets); in version data they are written {{name}}.
// Substitution is one pass over the template, so a fill value is never itself
// expanded, and the HTML renderer escapes template text and values alike.

export const FILL_NAMES = ["contactMonth", "contactReason", "serviceName", "clientRef", "clientName"] as const;
export type FillName = (typeof FILL_NAMES)[number];

/** Shown when the case lacks the attribute (preview pages): the seed's own bracket text. */
const PLACEHOLDERS: Record<FillName, string> = {
  contactMonth: "(month)",
  contactReason: "(application/change of circumstances/arrears/complaint)", // seed 001, CMS_SAT
  serviceName: "(service)",
  clientRef: "(client reference)",
  clientName: "(client's name)",
};

/** seed 001: "not just your (application/change of circumstances/arrears/complaint)". */
export const CONTACT_REASON_WORDS: Record<ContactReason, string> = {
  NEW_APPLICATION: "application",
  CHANGE_OF_CIRCUMSTANCES: "change of circumstances",
  ARREARS: "arrears",
  COMPLAINT: "complaint",
  CASE_CLOSURE: "case closure",
  ENQUIRY: "enquiry",
};

export const SERVICE_NAMES: Record<Service, string> = {
  CMS: "Child Maintenance Service",
  OPTIONS: "Child Maintenance Options",
};

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2015-03" -> "March 2015". */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !name) throw new Error(`not a month (YYYY-MM): ${month}`);
  return `${name} ${match[1]}`;
}

function fillValue(name: FillName, attrs: CaseAttributes): string | undefined {
  switch (name) {
    case "contactMonth":
      return attrs.contactMonth === undefined ? undefined : formatMonth(attrs.contactMonth);
    case "contactReason":
      return attrs.contactReason === undefined ? undefined : CONTACT_REASON_WORDS[attrs.contactReason];
    case "serviceName":
      return attrs.service === undefined ? undefined : SERVICE_NAMES[attrs.service];
    case "clientRef":
      return attrs.clientRef;
    case "clientName":
      return attrs.clientName;
  }
}

const TOKEN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

function isFillName(name: string): name is FillName {
  return (FILL_NAMES as readonly string[]).includes(name);
}

/** Problems with the fills in a template; empty when it is fine. Used when a version is parsed. */
export function fillProblems(template: string): string[] {
  const problems: string[] = [];
  for (const match of template.matchAll(TOKEN)) {
    const name = match[1] ?? "";
    if (!isFillName(name)) problems.push(`unknown fill {{${name}}} (known: ${FILL_NAMES.join(", ")})`);
  }
  const rest = template.replace(TOKEN, "");
  if (rest.includes("{{") || rest.includes("}}")) problems.push("malformed fill: unmatched {{ or }}");
  return problems;
}

export type TextSegment =
  | { kind: "text"; text: string }
  /** `missing`: the case has no value, `text` is the placeholder */
  | { kind: "fill"; name: FillName; text: string; missing: boolean };

/** The template split into literal text and filled values, for React to render as text nodes. */
export function renderSegments(template: string, attrs: CaseAttributes): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of template.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    if (start > last) segments.push({ kind: "text", text: template.slice(last, start) });
    const name = match[1] ?? "";
    if (!isFillName(name)) throw new Error(`unknown fill {{${name}}}`); // versions are validated on parse
    const value = fillValue(name, attrs);
    segments.push({ kind: "fill", name, text: value ?? PLACEHOLDERS[name], missing: value === undefined });
    last = start + match[0].length;
  }
  if (last < template.length) segments.push({ kind: "text", text: template.slice(last) });
  return segments;
}

/** The filled text as a plain string (not for HTML: use renderHtml or the segments). */
export function renderText(template: string, attrs: CaseAttributes): string {
  return renderSegments(template, attrs)
    .map((s) => s.text)
    .join("");
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The filled text as HTML: every character of template and values escaped. */
export function renderHtml(template: string, attrs: CaseAttributes): string {
  return escapeHtml(renderText(template, attrs));
}
