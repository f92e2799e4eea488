// A frame row as a line of PostgreSQL COPY text (tab-separated, \N for null,
// backslash escapes), in STAGING_COLUMNS order: what the import streams into
// the database. The byte fast path (fast.ts) writes the same lines
// without building a FrameRow; fast.test.ts holds it to this one.

import { isUkMobile } from "../../cawi/channel";
import { sealedTextLength, type ChunkSealer } from "../../privacy/crypto/cipher";
import { packedBound, packFields } from "../../privacy/crypto/fields";
import type { FrameRow } from "./row";
import { copyText } from "../../csv-stream/copy-text";

/**
 * FrameClient's columns the import writes, in COPY order: the file's values
 * except the personal ones, then the flags the draw and the waterfall read,
 * then the personal values (phone, email, title, first and last name, in
 * lib/privacy/personal.ts CLIENT_PERSONAL_FIELDS order) sealed as one value
 * in base64 (issue 17; null when the row has none).
 */
export const STAGING_COLUMNS = [
  "service",
  "clientRef",
  "role",
  "contactReason",
  "contactDate",
  "englishSpeaking",
  "potentiallyViolent",
  "researchConsent",
  "hasAddress",
  "doNotContact",
  "ageBand",
  "gender",
  "serviceStartDate",
  "paymentMethod",
  "csaClosureLetter",
  "hasPhone",
  "hasMobile",
  "hasEmail",
  "personal",
] as const;
/** STAGING_COLUMNS as SQL's column list. */
export const STAGING_COLUMN_LIST = STAGING_COLUMNS.map((c) => `"${c}"`).join(", ");

const bool = (v: boolean | null): string => (v === null ? "\\N" : v ? "t" : "f");

/** The sealed personal values of a row as COPY text (\\N when it has none). */
export function personalText(values: readonly (string | null)[], sealer: ChunkSealer): string {
  if (values.every((v) => v === null)) return "\\N";
  const plain = packFields(values);
  const out = new Uint8Array(sealedTextLength(plain.length));
  return Buffer.from(out.buffer, 0, sealer.writeText(plain, plain.length, out, 0)).toString("latin1");
}

/** One row as COPY text, ending in "\n"; its personal values sealed by `sealer`. */
export function copyLine(r: FrameRow, sealer: ChunkSealer): string {
  return (
    r.service +
    "\t" +
    r.clientRef +
    "\t" +
    r.role +
    "\t" +
    r.contactReason +
    "\t" +
    r.contactDate +
    "\t" +
    bool(r.englishSpeaking) +
    "\t" +
    bool(r.potentiallyViolent) +
    "\t" +
    bool(r.researchConsent) +
    "\t" +
    bool(r.hasAddress) +
    "\t" +
    bool(r.doNotContact) +
    "\t" +
    copyText(r.ageBand) +
    "\t" +
    copyText(r.gender) +
    "\t" +
    copyText(r.serviceStartDate) +
    "\t" +
    copyText(r.paymentMethod) +
    "\t" +
    bool(r.csaClosureLetter) +
    "\t" +
    bool(r.phone !== null) +
    "\t" +
    bool(isUkMobile(r.phone)) +
    "\t" +
    bool(r.email !== null) +
    "\t" +
    personalText([r.phone, r.email, r.title, r.firstName, r.lastName], sealer) +
    "\n"
  );
}

/** The most bytes a row's sealed personal values take in COPY text, from the plain bytes they come from. */
export const personalTextBound = (plainBytes: number): number => sealedTextLength(packedBound(plainBytes, 5));

/** year * 12 + month - 1 of a YYYY-MM-DD date: the bulk import writes the frame in this order. */
export function monthKey(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}
