import "server-only";
import type pg from "pg";
import type { ContactReason, Service } from "../../codes";
import { EXCLUSION_RULES, type ExclusionRule, type SurveyMode } from "../../draw/waterfall";

// Step 2 of the draw (draw-sample.ts): the period's population, each client
// with the first exclusion rule that applies.

/**
 * pg_temp.draw_population: every client of the frame with a contact in the
 * period (the latest such contact, from the frame or its history, decides the
 * stratum), with the first exclusion rule that applies, in the order of
 * EXCLUSION_RULES (waterfall.ts; exclusionOf there is the same rule in
 * TypeScript, held equal to this SQL by waterfall-sql.db.test.ts). With contactReasons (CES), only contacts of
 * those reasons count: a client whose latest contact in the quarter was an
 * enquiry after a new application is in the population as a new application.
 */
export async function buildPopulation(pg: pg.Client, p: PopulationQuery): Promise<void> {
  const { text, values } = populationSql(p);
  await pg.query(`CREATE TEMP TABLE draw_population ON COMMIT DROP AS ${text}`, values);
}

export interface PopulationQuery {
  service: Service;
  from: string;
  to: string;
  contactReasons?: readonly ContactReason[];
  mode: SurveyMode;
  at: Date;
}

/**
 * The population's SELECT (client_id, client_ref, reason, role, online,
 * excluded_by) and its parameters; bench/sample-draw's bare SQL baseline
 * applies the same exclusions with it.
 */
export function populationSql(p: PopulationQuery): { text: string; values: unknown[] } {
  // The monthly draws' SQL has no reason condition at all (the benchmark's query is unchanged).
  const reasons = p.contactReasons ? (alias: string) => ` AND ${alias}."contactReason" = ANY($5::"ContactReason"[])` : () => "";
  const phone = `m.has_phone`;
  const online = `(m.has_email OR m."hasAddress")`;
  const contactable = p.mode === "PHONE" ? phone : p.mode === "ONLINE" ? online : `(${phone} OR ${online})`;
  // Each rule's condition named by its rule (not by its place in EXCLUSION_RULES), applied in that order.
  const excludes: Record<ExclusionRule, string> = {
    NON_ENGLISH_SPEAKER: `NOT m."englishSpeaking"`,
    POTENTIALLY_VIOLENT: `m."potentiallyViolent"`,
    NO_RESEARCH_CONSENT: `NOT m."researchConsent"`,
    NOT_CONTACTABLE: `NOT ${contactable}`,
    SURVEYED_IN_LAST_SIX_MONTHS: `r.client_id IS NOT NULL`,
    DO_NOT_CONTACT: `m."doNotContact" OR e."id" IS NOT NULL`,
  };
  const columns = `f."id" AS client_id, f."service", f."clientRef" AS client_ref, f."englishSpeaking", f."potentiallyViolent",
                   f."researchConsent", f."hasAddress", f."hasPhone" AS has_phone, f."hasEmail" AS has_email, f."doNotContact"`;
  // Each arm reads the frame row once (no join back to the whole frame); the
  // recent cases and the register are small and hash-joined.
  return {
    text: `WITH period_clients AS (
       -- clients whose latest contact is in the period (most of them)
       SELECT ${columns}, f."contactReason" AS reason, f."role"
       FROM "FrameClient" f
       WHERE f."service" = $1::"Service" AND f."contactDate" >= $2::date AND f."contactDate" < $3::date${reasons("f")}
       UNION ALL
       -- clients with a contact in the period that a later contact has superseded
       SELECT ${columns}, h.reason, h."role"
       FROM (SELECT DISTINCT ON (c."clientId") c."clientId" AS client_id, c."contactReason" AS reason, c."role"
             FROM "ClientContact" c
             WHERE c."contactDate" >= $2::date AND c."contactDate" < $3::date${reasons("c")}
             ORDER BY c."clientId", c."contactDate" DESC, c."contactReason") h
       JOIN "FrameClient" f ON f."id" = h.client_id
       WHERE f."service" = $1::"Service" AND NOT (f."contactDate" >= $2::date AND f."contactDate" < $3::date${reasons("f")})
     ),
     recent AS (
       SELECT DISTINCT sc."clientId" AS client_id FROM "SampleCase" sc
       WHERE sc."selectedAt" > $4::timestamp - interval '6 months' AND sc."selectedAt" <= $4::timestamp
     )
     SELECT m.client_id, m.client_ref, m.reason, m."role",
            ${online} AS online,
            CASE
              ${EXCLUSION_RULES.map((rule) => `WHEN ${excludes[rule]} THEN '${rule}'`).join("\n              ")}
            END AS excluded_by
     FROM period_clients m
     LEFT JOIN recent r ON r.client_id = m.client_id
     LEFT JOIN "DoNotContactEntry" e ON e."service" = m."service" AND e."clientRef" = m.client_ref`,
    values: p.contactReasons ? [p.service, p.from, p.to, p.at.toISOString(), p.contactReasons] : [p.service, p.from, p.to, p.at.toISOString()],
  };
}
