import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { jsonbKeyOrder } from "../response-row";
import { importResponses } from "./import-responses";

const HEAD = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,age_band,x_note,CES_SAT,CES_CC_CLEAR,OPT_CS_EASY";

function file(lines: string[], eol = "\r\n", bom = true): Readable {
  return Readable.from([(bom ? "\ufeff" : "") + lines.join(eol) + eol]);
}

/** SurveyRespondent's indexes and constraints as the catalog defines them. */
async function respondentKeys(): Promise<string[]> {
  const rows = await db().$queryRawUnsafe<{ d: string }[]>(
    `SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = '"SurveyRespondent"'::regclass
     UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"SurveyRespondent"'::regclass ORDER BY 1`,
  );
  return rows.map((r) => r.d);
}

/** The generation triggers' state ('O': fire; 'D': disabled), by name. */
async function generationTriggers(): Promise<Record<string, string>> {
  const rows = await db().$queryRawUnsafe<{ name: string; enabled: string }[]>(
    `SELECT tgname AS name, tgenabled::text AS enabled FROM pg_trigger WHERE tgrelid = '"SurveyRespondent"'::regclass AND NOT tgisinternal ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.enabled]));
}
const ALL_FIRING = { respondent_generation_delete: "O", respondent_generation_insert: "O", respondent_generation_update: "O" };

/** The change log's rows for a version: the transaction and respondent of each (null: "read the version again"). */
async function changeLog(survey: string, version: string): Promise<{ txid: string; respondentId: string | null }[]> {
  return db().$queryRawUnsafe(
    `SELECT "txid"::text AS txid, "respondentId"::text AS "respondentId" FROM "RespondentChange" WHERE "survey" = $1::"Survey" AND "questionnaireVersion" = $2 ORDER BY "respondentId"`,
    survey,
    version,
  );
}

describe("responses import", () => {
  // First: the file's database starts with no respondents.
  it("a first import into an empty table builds the indexes once and leaves them, and the keys, as they were; the next import upserts", async () => {
    expect(await db().surveyRespondent.count()).toBe(0);
    const before = await respondentKeys();
    expect(before.length).toBeGreaterThanOrEqual(5);
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,CES_SAT";
    const first = await importResponses({
      fileName: "first.csv",
      input: file([
        head,
        "F1,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,SATISFIED",
        "F2,CES,CES-2023,2023-06-01,PHONE,PAYING_PARENT,ENQUIRY,DK",
      ]),
    });
    expect(first).toMatchObject({ status: "COMPLETED", inserted: 2, updated: 0, rejected: 0 });
    expect(await respondentKeys()).toEqual(before);
    const f1 = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "F1" } } });
    expect(f1).toMatchObject({ importId: BigInt(first.importId), source: "IMPORT", answers: { CES_SAT: "SATISFIED" } });
    expect(f1.periodMonth.toISOString().slice(0, 10)).toBe("2023-05-01");
    // The rows went in with the generation triggers off; what they would have
    // noted was noted (two respondents: logged one by one, in the import's
    // transaction), and they fire again.
    expect(await generationTriggers()).toEqual(ALL_FIRING);
    const f2 = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "F2" } } });
    const generation = await db().respondentGeneration.findUniqueOrThrow({
      where: { survey_questionnaireVersion: { survey: "CES", questionnaireVersion: "CES-2023" } },
    });
    expect(generation.respondents).toBe(2);
    expect(await changeLog("CES", "CES-2023")).toEqual(
      [f1.id, f2.id].sort((a, b) => Number(a - b)).map((id) => ({ txid: generation.generation.toString(), respondentId: id.toString() })),
    );
    // The unique index is back: the same respondent again is an update, not a second row.
    const again = await importResponses({
      fileName: "again.csv",
      input: file([head, "F1,CES,CES-2023,2023-05-02,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,DK"]),
    });
    expect(again).toMatchObject({ inserted: 0, updated: 1 });
    expect(await db().surveyRespondent.count()).toBe(2);
    // The foreign key is back: deleting the import clears the respondents' importId.
    await db().responseImportError.deleteMany({ where: { importId: BigInt(first.importId) } });
    await db().responseImport.delete({ where: { id: BigInt(first.importId) } });
    expect((await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "F2" } } })).importId).toBeNull();
    await db().surveyRespondent.deleteMany({ where: { respondentRef: { in: ["F1", "F2"] } } });
  });

  it("a first import finds the respondents the file names twice (the first row stands, valid or not); --strict refuses them", async () => {
    expect(await db().surveyRespondent.count()).toBe(0);
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,CES_SAT";
    const lines = [
      head,
      "D1,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,SATISFIED", // 2
      "D2,CES,CES-2023,2023-02-30,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,SATISFIED", // 3: bad date (D2's first row)
      "D1,CES,CES-2023,2023-05-03,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,DK", // 4: duplicate of 2
      "D2,CES,CES-2023,2023-05-04,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,DK", // 5: duplicate of 3
      "D3,CES,CES-2023,2023-05-05,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,DK", // 6
      "D1,CES,CES-2023,2023-05-06,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,MAYBE", // 7: bad answer and duplicate of 2
    ];
    const strict = await importResponses({ fileName: "dup-strict.csv", strict: true, input: file(lines) });
    expect(strict).toMatchObject({ status: "REJECTED", inserted: 0, rejected: 6 });
    expect(strict.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "interview_date"],
      [4, "respondent_ref"],
      [5, "respondent_ref"],
      [7, "CES_SAT"],
      [7, "respondent_ref"],
    ]);
    expect(await db().surveyRespondent.count()).toBe(0);
    const r = await importResponses({ fileName: "dup.csv", input: file(lines) });
    expect(r).toMatchObject({ status: "COMPLETED", inserted: 2, updated: 0, rejected: 4 });
    expect(r.errors.map((e) => [e.line, e.column, e.message.replace(/.*(already on line \d+).*/, "$1")])).toEqual([
      [3, "interview_date", expect.stringMatching(/not a date/)],
      [4, "respondent_ref", "already on line 2"],
      [5, "respondent_ref", "already on line 3"],
      [7, "CES_SAT", expect.stringMatching(/MAYBE/)],
      [7, "respondent_ref", "already on line 2"],
    ]);
    const kept = await db().surveyRespondent.findMany({ orderBy: { respondentRef: "asc" } });
    expect(kept.map((k) => [k.respondentRef, k.interviewDate.toISOString().slice(0, 10)])).toEqual([
      ["D1", "2023-05-01"],
      ["D3", "2023-05-05"],
    ]);
    const stored = await db().responseImport.findUniqueOrThrow({ where: { id: BigInt(r.importId) }, include: { errors: { orderBy: { line: "asc" } } } });
    expect(stored).toMatchObject({ status: "COMPLETED", rows: 6, inserted: 2, rejected: 4 });
    expect(stored.errors).toHaveLength(5);
    await db().surveyRespondent.deleteMany({ where: { respondentRef: { in: ["D1", "D3"] } } });
  });

  it("a later import finds them the same way, in its staging table", async () => {
    await db().surveyRespondent.create({
      data: {
        survey: "CES",
        respondentRef: "E0",
        questionnaireVersion: "CES-2023",
        interviewDate: new Date("2023-05-01"),
        periodMonth: new Date("2023-05-01"),
        mode: "ONLINE",
        role: "RECEIVING_PARENT",
        contactReason: "NEW_APPLICATION",
        answers: {},
        source: "IMPORT",
      },
    });
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,CES_SAT";
    const r = await importResponses({
      fileName: "dup-later.csv",
      input: file([
        head,
        "E1,CES,CES-2023,2023-02-30,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,SATISFIED", // 2: bad date
        "E1,CES,CES-2023,2023-05-04,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,DK", // 3: duplicate of 2
        "E2,CES,CES-2023,2023-05-05,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,DK", // 4
        "E2,CES,CES-2023,2023-05-06,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,SATISFIED", // 5: duplicate of 4
      ]),
    });
    expect(r).toMatchObject({ status: "COMPLETED", inserted: 1, updated: 0, rejected: 3 });
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "interview_date"],
      [3, "respondent_ref"],
      [5, "respondent_ref"],
    ]);
    const e2 = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "E2" } } });
    expect(e2.answers).toEqual({ CES_SAT: "DK" });
    await db().surveyRespondent.deleteMany({ where: { respondentRef: { in: ["E0", "E2"] } } });
  });

  it("reports every rejected row with its line and column, and commits the valid rows", async () => {
    const r = await importResponses({
      fileName: "mixed.csv",
      input: file([
        HEAD,
        'A1,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,25-34,"a note, with\r\na line break",VERY_SATISFIED,AGREE,', // 2-3
        "A2,CES,CES-2023,2023-05-02,PHONE,PAYING_PARENT,NEW_APPLICATION,,,MAYBE,AGREE,", // 4: unknown code
        "A3,CES,CES-2099,2023-05-03,PHONE,PAYING_PARENT,NEW_APPLICATION,,,SATISFIED,,", // 5: unknown version
        "A4,CES,CES-2023,2023-02-30,PHONE,PAYING_PARENT,NEW_APPLICATION,,,SATISFIED,,", // 6: bad date
        "A1,CES,CES-2023,2023-05-04,PHONE,PAYING_PARENT,NEW_APPLICATION,,,SATISFIED,,", // 7: duplicate
        "A5,CES,CES-2023,2023-05-05,PHONE,PAYING_PARENT,NEW_APPLICATION,,,DK,NA,", // 8: NA not offered for CES_CC_CLEAR
        "A6,CES,CES-2023,2023-05-06,PHONE,PAYING_PARENT,NEW_APPLICATION,,,REFUSED,,7", // 9: OPT_CS_EASY not in CES-2023
        "",
        "B1,OPTIONS,OPTIONS-2014,2015-01-10,PHONE,MAIN_CARE,ENQUIRY,,,,,11", // 11: rating out of range
        "B2,OPTIONS,OPTIONS-2014,2015-01-10,PHONE,MAIN_CARE,ENQUIRY,99,,,,8", // 12: bad age band
        "B3,OPTIONS,OPTIONS-2014,2015-01-11,PHONE,MAIN_CARE,ENQUIRY,55+,=cmd(),,,REFUSED", // 13: valid
        "B4,OPTIONS,OPTIONS-2014,2015-01-11,PHONE,MAIN_CARE", // 14: short row
      ]),
    });
    expect(r.status).toBe("COMPLETED");
    expect({ inserted: r.inserted, updated: r.updated, rejected: r.rejected }).toEqual({ inserted: 2, updated: 0, rejected: 9 });
    const at = r.errors.map((e) => [e.line, e.column]);
    expect(at).toEqual([
      [4, "CES_SAT"],
      [5, "questionnaire_version"],
      [6, "interview_date"],
      [7, "respondent_ref"],
      [8, "CES_CC_CLEAR"],
      [9, "OPT_CS_EASY"],
      [11, "OPT_CS_EASY"],
      [12, "age_band"],
      [14, null],
    ]);
    expect(r.errors[3].message).toMatch(/already on line 2/);
    expect(r.errors[0].message).toMatch(/MAYBE/);
    const a1 = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "A1" } } });
    expect(a1.answers).toEqual({ CES_SAT: "VERY_SATISFIED", CES_CC_CLEAR: "AGREE" });
    expect(a1.extra).toEqual({ x_note: "a note, with\r\na line break" });
    expect(a1.source).toBe("IMPORT");
    const b3 = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "OPTIONS", respondentRef: "B3" } } });
    expect(b3.answers).toEqual({ OPT_CS_EASY: "REFUSED" });
    const stored = await db().responseImport.findUniqueOrThrow({ where: { id: BigInt(r.importId) }, include: { errors: { orderBy: { line: "asc" } } } });
    expect(stored).toMatchObject({ status: "COMPLETED", rows: 11, inserted: 2, rejected: 9 });
    expect(stored.errors).toHaveLength(9);
  });

  it("a NUL character (byte 0) in a cell rejects its row, said of its line and column, and the rest of the file is imported (first import and later)", async () => {
    const lines = [
      HEAD,
      "N1,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,25-34,note\u0000here,SATISFIED,AGREE,", // 2: in an x_ column
      "N2\u0000,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,25-34,,SATISFIED,AGREE,", // 3: in the ref
      "N3,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,25-34,,SATISFIED,AGREE,", // 4: valid
    ];
    await db().surveyRespondent.deleteMany(); // the first import's path (straight into the empty table), then the staging path
    for (const expected of [
      { inserted: 1, updated: 0, unchanged: 0 },
      { inserted: 0, updated: 0, unchanged: 1 },
    ]) {
      const r = await importResponses({ fileName: "nul.csv", input: file(lines) });
      expect(r.status).toBe("COMPLETED");
      expect({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected }).toEqual({ ...expected, rejected: 2 });
      expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
        [2, "x_note", "the value contains a NUL character (byte 0), which cannot be stored; remove it"],
        [3, "respondent_ref", "the value contains a NUL character (byte 0), which cannot be stored; remove it"],
      ]);
      expect(await db().surveyRespondent.count({ where: { respondentRef: "N3" } })).toBe(1);
    }
  });

  it("--strict commits nothing when any row is rejected", async () => {
    const r = await importResponses({
      fileName: "strict.csv",
      strict: true,
      input: file(
        [
          HEAD,
          "S1,CES,CES-2023,2023-06-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,SATISFIED,,",
          "S2,CES,CES-2023,2023-06-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,NOT_A_CODE,,",
        ],
        "\n",
        false,
      ),
    });
    expect(r).toMatchObject({ status: "REJECTED", inserted: 0, updated: 0, rejected: 2 });
    expect(r.errors).toEqual([{ line: 3, column: "CES_SAT", message: expect.stringMatching(/NOT_A_CODE/) }]);
    expect(await db().surveyRespondent.count({ where: { respondentRef: { startsWith: "S" } } })).toBe(0);
  });

  it("an unknown column rejects the file; x_ columns are allowed", async () => {
    const r = await importResponses({
      fileName: "bad-header.csv",
      input: file([HEAD + ",colour", "C1,CES,CES-2023,2023-06-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,SATISFIED,,,red"]),
    });
    expect(r.status).toBe("REJECTED");
    expect(r.errors).toEqual([{ line: 1, column: "colour", message: expect.stringMatching(/Unknown column/) }]);
    expect(await db().surveyRespondent.count({ where: { respondentRef: "C1" } })).toBe(0);
  });

  it("importing a respondent again updates it (upsert on survey and respondent_ref)", async () => {
    const row = (sat: string) => `U1,CES,CES-2023,2023-07-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,${sat},,`;
    const first = await importResponses({ fileName: "u.csv", input: file([HEAD, row("SATISFIED"), row("SATISFIED").replace("U1", "U2")]) });
    expect(first).toMatchObject({ inserted: 2, updated: 0 });
    const second = await importResponses({ fileName: "u.csv", input: file([HEAD, row("DISSATISFIED"), row("DK").replace("U1", "U3")]) });
    expect(second).toMatchObject({ inserted: 1, updated: 1, rejected: 0 });
    const u1 = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "U1" } } });
    expect(u1.answers).toEqual({ CES_SAT: "DISSATISFIED" });
    expect(u1.importId?.toString()).toBe(second.importId);
  });

  it("a respondent named again with exactly the values it has is left as it was and counted unchanged; any value different updates it", async () => {
    const row = (ref: string, sat: string, age = "25-34") => `${ref},CES,CES-2023,2023-08-01,PHONE,PAYING_PARENT,ENQUIRY,${age},,${sat},AGREE,`;
    const first = await importResponses({ fileName: "same-1.csv", input: file([HEAD, row("K1", "SATISFIED"), row("K2", "SATISFIED"), row("K3", "DK")]) });
    expect(first).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    const generation = () =>
      db().respondentGeneration.findUniqueOrThrow({ where: { survey_questionnaireVersion: { survey: "CES", questionnaireVersion: "CES-2023" } } });
    const before = await generation();
    const k1 = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "K1" } } });

    // The same rows again (the answers' columns in another order, a cell padded): nothing is rewritten.
    const again = await importResponses({
      fileName: "same-2.csv",
      input: file([
        "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,age_band,CES_CC_CLEAR,CES_SAT",
        "K1,CES,CES-2023,2023-08-01,PHONE,PAYING_PARENT,ENQUIRY,25-34,AGREE, SATISFIED",
        "K2,CES,CES-2023,2023-08-01,PHONE,PAYING_PARENT,ENQUIRY,25-34,AGREE,SATISFIED",
      ]),
    });
    expect(again).toMatchObject({ status: "COMPLETED", inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    const same = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "K1" } } });
    expect(same).toEqual(k1); // its import, updatedAt and every value as they were
    expect((await generation()).generation).toBe(before.generation); // results' stored columns stay good
    expect(await db().responseImport.findUniqueOrThrow({ where: { id: BigInt(again.importId) } })).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    // K3's answers as other text of the same JSON (another key order, spaces: as
    // answers stored before they were json, or written by an interview, read).
    const odd = `{ "CES_CC_CLEAR" : "AGREE", "CES_SAT" : "DK" }`;
    await db().$executeRawUnsafe(`UPDATE "SurveyRespondent" SET "answers" = $1::json WHERE "respondentRef" = 'K3'`, odd);
    // One answer different, one profile code different, one the same: two updated.
    const third = await importResponses({
      fileName: "same-3.csv",
      input: file([HEAD, row("K1", "DISSATISFIED"), row("K2", "SATISFIED", "35-44"), row("K3", "DK")]),
    });
    expect(third).toMatchObject({ inserted: 0, updated: 2, unchanged: 1 });
    const changed = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CES", respondentRef: "K2" } } });
    expect(changed).toMatchObject({ ageBand: "35-44", importId: BigInt(third.importId) });
    expect((await generation()).generation).not.toBe(before.generation);
    const [k3] = await db().$queryRawUnsafe<{ answers: string; type: string }[]>(
      `SELECT "answers"::text AS answers, pg_typeof("answers")::text AS type FROM "SurveyRespondent" WHERE "respondentRef" = 'K3'`,
    );
    expect(k3).toEqual({ answers: odd, type: "json" }); // left as it was
  });
});

describe("responses import: a first import of several chunks", () => {
  // HEAD's columns: respondent_ref, survey, questionnaire_version, interview_date, mode, role, contact_reason, age_band, x_note, CES_SAT, CES_CC_CLEAR, OPT_CS_EASY
  const ROWS = 20_000;
  const row = (ref: string, date = "2023-05-01") => `${ref},CES,CES-2023,${date},ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,${"n".repeat(120)},SATISFIED,,`;
  const rows = () => Array.from({ length: ROWS }, (_, i) => row(`M${i}`)); // about 4.6 MB: five chunks of 1 MB
  // Respondents of the first chunks, named again in the last.
  const repeated = ["M10", "M7000", "M12000", "M16000", "M19990"];
  const lineOf = (ref: string) => Number(ref.slice(1)) + 2;

  /** As a file is read from disk: in 64 kB pieces (the parser's chunks are then 1 MB each). */
  function pieces(lines: string[]): Readable {
    const text = Buffer.from(lines.join("\r\n") + "\r\n");
    const out: Buffer[] = [];
    for (let at = 0; at < text.length; at += 1 << 16) out.push(text.subarray(at, at + (1 << 16)));
    return Readable.from(out);
  }
  async function empty() {
    await db().surveyRespondent.deleteMany({});
  }

  it("keeps every row once, names each repeated respondent's first line, and counts them in the survey's generation", async () => {
    await empty();
    const lines = [HEAD, ...rows(), ...repeated.map((ref) => row(ref, "2023-06-01"))];
    const r = await importResponses({ fileName: "chunks.csv", input: pieces(lines) });
    expect(r).toMatchObject({ status: "COMPLETED", inserted: ROWS, rejected: repeated.length });
    expect(r.errors.map((e) => [e.line, e.column, e.message.replace(/.*(already on line \d+).*/, "$1")])).toEqual(
      repeated.map((ref, i) => [ROWS + 2 + i, "respondent_ref", `already on line ${lineOf(ref)}`]),
    );
    expect(await db().surveyRespondent.count()).toBe(ROWS);
    // the first row of each repeated respondent stands
    const kept = await db().surveyRespondent.findMany({ where: { respondentRef: { in: repeated } } });
    expect(kept.map((k) => k.interviewDate.toISOString().slice(0, 10))).toEqual(repeated.map(() => "2023-05-01"));
    const generation = await db().$queryRawUnsafe<{ respondents: number }[]>(
      `SELECT "respondents"::int AS respondents FROM "RespondentGeneration" WHERE "survey" = 'CES' AND "questionnaireVersion" = 'CES-2023'`,
    );
    expect(generation).toEqual([{ respondents: ROWS }]);
    // More than 10,000 of a version: one "read the version again" row, as the triggers log it.
    expect((await changeLog("CES", "CES-2023")).map((c) => c.respondentId)).toEqual([null]);
    expect(await generationTriggers()).toEqual(ALL_FIRING);
    await empty();
  });

  it("--strict, or a file that turns out not to be CSV in its last chunk, commits nothing", async () => {
    await empty();
    const strict = await importResponses({ fileName: "chunks-strict.csv", strict: true, input: pieces([HEAD, ...rows(), row("M7000")]) });
    expect(strict).toMatchObject({ status: "REJECTED", inserted: 0 });
    expect(strict.errors.map((e) => [e.line, e.message.replace(/.*(already on line \d+).*/, "$1")])).toEqual([[ROWS + 2, "already on line 7002"]]);
    expect(await generationTriggers()).toEqual(ALL_FIRING); // rolled back with the rest
    const broken = await importResponses({
      fileName: "chunks-broken.csv",
      input: pieces([HEAD, ...rows(), 'M20000,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,"unclosed,SATISFIED,,']),
    });
    expect(broken.status).toBe("REJECTED");
    expect(broken.errors.map((e) => e.line)).toEqual([ROWS + 2]);
    expect(await db().surveyRespondent.count()).toBe(0);
  });
});

describe("responses import: a file that is not CSV", () => {
  it("a quote never closed rejects the file with the line it starts on, and commits nothing", async () => {
    const r = await importResponses({
      fileName: "broken.csv",
      input: file([
        HEAD,
        'Q1,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,"unclosed,SATISFIED,,',
        "Q2,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,SATISFIED,,",
      ]),
    });
    expect(r.status).toBe("REJECTED");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/not valid CSV/);
    expect(await db().surveyRespondent.count({ where: { respondentRef: { in: ["Q1", "Q2"] } } })).toBe(0);
  });
});

describe("responses import from the command line", () => {
  it("prints the summary; --strict with a bad row fails with every error and commits nothing", async () => {
    const { resultsCommands } = await import("../../cli/results-commands");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "fw-cli-"));
    const good = join(dir, "good.csv");
    const bad = join(dir, "bad.csv");
    writeFileSync(good, [HEAD, "K1,CES,CES-2023,2023-08-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,SATISFIED,,"].join("\n"));
    writeFileSync(
      bad,
      [
        HEAD,
        "K2,CES,CES-2023,2023-08-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,SATISFIED,,",
        "K3,CES,CES-2023,2023-13-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,,SATISFIED,,",
      ].join("\n"),
    );
    expect(await resultsCommands["responses import"]([good])).toMatchObject({ inserted: 1, updated: 0, rejected: 0, errors: [] });
    await expect(resultsCommands["responses import"]([bad, "--strict"])).rejects.toMatchObject({
      code: "RESPONSES_REJECTED",
      errors: [{ line: 3, column: "interview_date", message: expect.stringMatching(/not a date/) }],
    });
    expect(await db().surveyRespondent.count({ where: { respondentRef: { in: ["K2", "K3"] } } })).toBe(0);
    expect(await resultsCommands["responses import"]([bad])).toMatchObject({ inserted: 1, rejected: 1 });
  });
});

describe("answers' keys in jsonb's order", () => {
  it("jsonbKeyOrder sorts keys as PostgreSQL keeps them in jsonb (the import writes answers in that order)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.oneof(fc.string({ unit: "binary-ascii", maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 })).filter((s) => !s.includes("\0")),
          { minLength: 2, maxLength: 12 },
        ),
        async (keys) => {
          const json = JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, i])));
          const rows = await db().$queryRawUnsafe<{ k: string }[]>(`SELECT jsonb_object_keys($1::jsonb) AS k`, json);
          expect(rows.map((r) => r.k)).toEqual(keys.slice().sort(jsonbKeyOrder));
        },
      ),
      { numRuns: 100 },
    );
  });
});
