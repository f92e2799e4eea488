/**
 * The results' respondent store (respondent-store.ts) against the loader it
 * replaced (Prisma row objects -> respondentTable, kept here as the reference):
 * the same respondents, every column, every answer, for every period filter;
 * and its cache dropped by an import, a completed interview and a deletion made
 * by any path (the generation triggers), not only by this process.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Respondents } from "@/lib/analysis";
import { db } from "@/lib/db/client";
import { periodBounds } from "../periods";
import { allColumns, physicalColumns } from "../respondent-columns";
import { respondentTable, type RespondentRow } from "../respondent-table";
import { surveyQuestions } from "../response-columns";
import { fileText, syntheticCes, syntheticCms, syntheticOptions } from "../synthetic-file";
import { recordFieldworkRespondent } from "./fieldwork-respondent";
import { importResponses } from "./import-responses";
import {
  answeredQuestions,
  clearPersistedRespondentStore,
  clearRespondentStore,
  closeRespondentStore,
  flushRespondentStore,
  loadRespondentColumns,
  respondentStorePersistedReads,
  respondentStoreReads,
  respondentStoreRowsRead,
} from "./respondent-store";
import { runResults } from "./run-results";

/** The loader before issue 16: every respondent of the period as a Prisma row object, answers as JSON. */
async function referenceTable(survey: string, from?: string, to?: string): Promise<Respondents> {
  const rows = await db().surveyRespondent.findMany({
    where: { survey: survey as "CES", periodMonth: periodBounds(from, to) },
    orderBy: { id: "asc" },
    select: {
      respondentRef: true,
      questionnaireVersion: true,
      interviewDate: true,
      periodMonth: true,
      mode: true,
      role: true,
      contactReason: true,
      ageBand: true,
      gender: true,
      ethnicity: true,
      health: true,
      serviceLength: true,
      csaClosureLetter: true,
      stratum: true,
      weight: true,
      answers: true,
    },
  });
  const out: RespondentRow[] = rows.map((r) => ({
    ...r,
    interviewDate: r.interviewDate.toISOString().slice(0, 10),
    periodMonth: r.periodMonth.toISOString().slice(0, 7),
    answers: (r.answers ?? {}) as Record<string, string | number>,
  }));
  return respondentTable(survey, out);
}

const load = (survey: string, from?: string, to?: string) => loadRespondentColumns({ survey, from, to, columns: physicalColumns(survey, allColumns(survey)) });

/** Each respondent as one line of every column's value, sorted: equal multisets of respondents. */
function respondentLines(r: Respondents): string[] {
  const names = [
    ...Object.keys(r.factors)
      .sort()
      .map((k) => `f:${k}`),
    ...Object.keys(r.numbers)
      .sort()
      .map((k) => `n:${k}`),
  ];
  const lines: string[] = [];
  for (let i = 0; i < r.n; i++) {
    lines.push(
      names
        .map((name) => {
          if (name.startsWith("f:")) {
            const f = r.factors[name.slice(2)];
            return f.codes[i] < 0 ? "-" : f.levels[f.codes[i]];
          }
          const v = r.numbers[name.slice(2)][i];
          return Number.isNaN(v) ? "-" : String(v);
        })
        .join("|"),
    );
  }
  return lines.sort();
}

function expectSameTable(actual: Respondents, expected: Respondents): void {
  expect(actual.n).toBe(expected.n);
  expect(Object.keys(actual.factors).sort()).toEqual(Object.keys(expected.factors).sort());
  expect(Object.keys(actual.numbers).sort()).toEqual(Object.keys(expected.numbers).sort());
  for (const [name, f] of Object.entries(expected.factors)) expect(actual.factors[name].levels, name).toEqual(f.levels);
  expect(respondentLines(actual)).toEqual(respondentLines(expected));
}

beforeAll(async () => {
  clearRespondentStore();
  for (const [file, name] of [
    [syntheticCes(2500, 16), "ces.csv"],
    [syntheticCms(40, 16), "cms.csv"],
    [syntheticOptions(30, 16), "options.csv"],
  ] as const) {
    const r = await importResponses({ input: Readable.from([fileText(file)]), fileName: name });
    expect(r.rejected, name).toBe(0);
  }
  // A supplied weight, a stratum and an answer that is JSON null: columns the files leave empty.
  await db().$executeRawUnsafe(
    `UPDATE "SurveyRespondent" SET "stratum" = 'S' || ("id" % 3), "weight" = 1 + ("id" % 7) / 4.0 WHERE "survey" = 'CES' AND "id" % 5 = 0`,
  );
  await db().$executeRawUnsafe(
    `UPDATE "SurveyRespondent" SET "answers" = ("answers"::jsonb || '{"CES_DIGITAL": null}')::json WHERE "survey" = 'CES' AND "id" % 11 = 0`,
  );
});
afterAll(async () => {
  await closeRespondentStore();
});

describe("the respondent store holds what the row loader loaded", () => {
  const periods: [string | undefined, string | undefined][] = [
    [undefined, undefined],
    ["2023-06", undefined],
    [undefined, "2023-09"],
    ["2023-05", "2023-05"],
    ["2023-11", "2024-02"],
    ["2014-12", "2015-06"],
    ["2030-01", "2030-12"],
  ];
  for (const survey of ["CES", "CMS", "OPTIONS"]) {
    it(`${survey}: every column and answer, for every period filter`, async () => {
      let compared = 0;
      for (const [from, to] of periods) {
        const expected = await referenceTable(survey, from, to);
        expectSameTable(await load(survey, from, to), expected);
        compared += expected.n;
      }
      expect(compared).toBeGreaterThan(500);
    });
  }

  it("answeredQuestions: the question keys present in the period's answers, as the scan of every respondent's answers found them", async () => {
    // The page's "(no respondents in this period)" marks used this query on each request before.
    const scan = async (survey: string, from?: string, to?: string) => {
      const b = periodBounds(from, to);
      const rows = await db().$queryRawUnsafe<{ question: string }[]>(
        `SELECT DISTINCT k AS "question" FROM "SurveyRespondent" r, json_object_keys(r."answers") k
         WHERE r."survey" = $1::"Survey" AND ($2::date IS NULL OR r."periodMonth" >= $2::date) AND ($3::date IS NULL OR r."periodMonth" < $3::date)`,
        survey,
        b.gte ?? null,
        b.lt ?? null,
      );
      return rows.map((r) => r.question).sort();
    };
    let some = 0,
      none = 0;
    for (const survey of ["CES", "CMS", "OPTIONS"]) {
      const questions = [...surveyQuestions(survey).keys()];
      for (const [from, to] of periods) {
        const want = (await scan(survey, from, to)).filter((q) => questions.includes(q));
        expect([...(await answeredQuestions({ survey, from, to, questions }))].sort(), `${survey} ${from} ${to}`).toEqual(want);
        some += want.length;
        none += questions.length - want.length;
      }
    }
    expect(some).toBeGreaterThan(20);
    expect(none).toBeGreaterThan(20);
  });

  it("gives runResults the numbers the row loader gave (raked, by a breakdown, a period, the page's detail)", async () => {
    const ces = syntheticCes(2500, 16);
    const { parseTargets, buildDesign } = await import("@/lib/analysis");
    const { measureReport, detailedReport } = await import("../report");
    const { resultsRequestSchema } = await import("../results-request");
    for (const q of [
      { survey: "CES", measure: "CES_SAT", by: "role", weights: "rake", from: "2023-06", to: "2024-01" },
      { survey: "CMS", measure: "CMS_CS", by: "questionnaire_version", weights: "supplied" },
      { survey: "OPTIONS", measure: "OPT_CS", statistic: "mean", by: "month" },
    ]) {
      const targetRows = q.weights === "rake" ? ces.targetRows : undefined;
      const got = await runResults({ request: q, targetRows, detail: true });
      const req = resultsRequestSchema.parse(q);
      const r = await referenceTable(q.survey, q.from, q.to);
      const spec =
        q.weights === "rake"
          ? { method: "rake" as const, targets: parseTargets(targetRows!) }
          : q.weights === "supplied"
            ? { method: "supplied" as const, column: "weight" }
            : { method: "none" as const };
      const want = detailedReport(r, buildDesign(r, spec), req);
      expect(got.results.respondents).toBe(want.results.respondents);
      for (const [a, b] of [[got.results.overall, want.results.overall], ...got.results.groups.map((g, i) => [g, want.results.groups[i]])]) {
        expect(a.category).toBe(b.category);
        expect(a.base).toBe(b.base);
        expect(a.estimate!).toBeCloseTo(b.estimate!, 10);
        expect(a.se!).toBeCloseTo(b.se!, 10);
      }
      expect(got.series!.monthly.map((p) => [p.label, p.base])).toEqual(want.series!.monthly.map((p) => [p.label, p.base]));
      expect(measureReport(r, buildDesign(r, spec), req).results.overall.base).toBe(got.results.overall.base);
    }
  });
});

describe("the results page's coverage", () => {
  it("counts each survey's respondents and their months as a count over the table does, after inserts, updates and deletions", async () => {
    const { surveyCoverage } = await import("./results-page");
    const check = async () => {
      const want = await db().surveyRespondent.groupBy({ by: ["survey"], _count: { _all: true }, _min: { periodMonth: true }, _max: { periodMonth: true } });
      for (const c of await surveyCoverage()) {
        const g = want.find((x) => x.survey === c.survey);
        expect(c, c.survey).toEqual({
          survey: c.survey,
          respondents: g?._count._all ?? 0,
          firstMonth: g?._min.periodMonth?.toISOString().slice(0, 7) ?? null,
          lastMonth: g?._max.periodMonth?.toISOString().slice(0, 7) ?? null,
        });
      }
    };
    await check();
    await db().$executeRawUnsafe(`UPDATE "SurveyRespondent" SET "questionnaireVersion" = 'CMS-2015' WHERE "survey" = 'CMS' AND "id" % 4 = 0`);
    await db().$executeRawUnsafe(`DELETE FROM "SurveyRespondent" WHERE "survey" = 'OPTIONS' AND "id" % 3 = 0`);
    await check();
    expect((await surveyCoverage()).find((c) => c.survey === "OPTIONS")!.respondents).toBeGreaterThan(0);
  });
});

describe("columns read by a later request line up with those read before", () => {
  it("even when the table's rows come back in another order (CLUSTER rewrites it without a change to any respondent)", async () => {
    await clearPersistedRespondentStore();
    const first = await loadRespondentColumns({ survey: "CES", columns: physicalColumns("CES", ["role"]) });
    expect(first.factors.CES_SAT).toBeUndefined();
    await db().$executeRawUnsafe(`CLUSTER "SurveyRespondent" USING "SurveyRespondent_survey_periodMonth_idx"`);
    const reads = respondentStoreReads();
    expectSameTable(await load("CES"), await referenceTable("CES"));
    expect(respondentStoreReads()).toBe(reads + 1); // only the columns not held yet were read
  });
});

describe("the store's cache follows every change to the respondents", () => {
  it("reads nothing again while nothing changed", async () => {
    await load("CES");
    const before = respondentStoreReads();
    expectSameTable(await load("CES", "2023-06", "2023-08"), await referenceTable("CES", "2023-06", "2023-08"));
    expect(respondentStoreReads()).toBe(before);
  });

  it("an import (new respondents and replaced ones) is seen by the next request", async () => {
    const before = await load("CES");
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,CES_SAT";
    const first = await db().surveyRespondent.findFirstOrThrow({
      where: { survey: "CES" },
      orderBy: { id: "asc" },
      select: { respondentRef: true, questionnaireVersion: true },
    });
    const rows = [
      `NEW-1,CES,${first.questionnaireVersion},2023-07-03,ONLINE,PAYING_PARENT,ARREARS,VERY_DISSATISFIED`,
      `${first.respondentRef},CES,${first.questionnaireVersion},2023-07-04,PHONE,RECEIVING_PARENT,COMPLAINT,DK`,
    ];
    const r = await importResponses({ input: Readable.from([[head, ...rows].join("\n")]), fileName: "more.csv" });
    expect(r).toMatchObject({ inserted: 1, updated: 1, rejected: 0 });
    const rowsRead = respondentStoreRowsRead();
    const after = await load("CES");
    expect(respondentStoreRowsRead() - rowsRead).toBe(2); // the two respondents the import touched, not every one
    expect(after.n).toBe(before.n + 1);
    expectSameTable(after, await referenceTable("CES"));
  });

  it("a completed interview (the fieldwork projection) is seen by the next request, in its sample's contact month", async () => {
    const before = await load("CES", "2023-08", "2023-08");
    const version = (await db().surveyRespondent.findFirstOrThrow({ where: { survey: "CES" }, select: { questionnaireVersion: true } })).questionnaireVersion;
    await db().$transaction(async (tx) => {
      await recordFieldworkRespondent(
        {
          survey: "CES",
          respondentRef: "case-store-test",
          questionnaireVersion: version,
          interviewDate: new Date("2023-09-20T10:00:00Z"),
          periodMonth: "2023-08",
          mode: "PHONE",
          role: "PAYING_PARENT",
          contactReason: "ENQUIRY",
          stratum: "PAYING_PARENT*ENQUIRY",
          weight: 12.5,
          answers: { CES_SAT: { kind: "choice", code: "SATISFIED" } },
        },
        tx,
      );
    });
    const rowsRead = respondentStoreRowsRead();
    const after = await load("CES", "2023-08", "2023-08");
    expect(respondentStoreRowsRead() - rowsRead).toBe(1); // the new respondent only
    expect(after.n).toBe(before.n + 1);
    expectSameTable(after, await referenceTable("CES", "2023-08", "2023-08"));
    expect(after.factors.stratum.levels).toContain("PAYING_PARENT*ENQUIRY");
  });

  it("a deletion by another instance (plain SQL) is seen, and a change not yet committed is not", async () => {
    const before = await load("CMS");
    const version = "CMS-2015";
    const gone = await db().surveyRespondent.count({ where: { survey: "CMS", questionnaireVersion: version } });
    expect(gone).toBeGreaterThan(0);
    let during: Respondents | undefined;
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`DELETE FROM "SurveyRespondent" WHERE "survey" = 'CMS' AND "questionnaireVersion" = '${version}'`);
      during = await load("CMS"); // another connection: the deletion is not committed yet
    });
    expect(during!.n).toBe(before.n);
    const after = await load("CMS");
    expect(after.n).toBe(before.n - gone);
    expect(after.factors.questionnaire_version.levels).not.toContain(version);
    expectSameTable(after, await referenceTable("CMS"));
  });

  it("a correction that moves respondents to another version, and a change to a few, are patched in; the table stays the row loader's", async () => {
    await load("CES");
    const version = (await db().surveyRespondent.findFirstOrThrow({ where: { survey: "CES" }, select: { questionnaireVersion: true } })).questionnaireVersion;
    await db().$executeRawUnsafe(
      `UPDATE "SurveyRespondent" SET "questionnaireVersion" = '${version}-B' WHERE "survey" = 'CES' AND "questionnaireVersion" = '${version}' AND "id" % 9 = 0`,
    );
    await load("CES"); // both versions held
    await db().$executeRawUnsafe(
      `UPDATE "SurveyRespondent" SET "questionnaireVersion" = '${version}' WHERE "survey" = 'CES' AND "questionnaireVersion" = '${version}-B' AND "id" % 2 = 0`,
    );
    await db().$executeRawUnsafe(
      `UPDATE "SurveyRespondent" SET "gender" = 'FEMALE', "answers" = ("answers"::jsonb || '{"CES_SAT": "DK"}')::json WHERE "survey" = 'CES' AND "id" % 13 = 0`,
    );
    await db().$executeRawUnsafe(`DELETE FROM "SurveyRespondent" WHERE "survey" = 'CES' AND "id" % 17 = 0`);
    const changed = Number(
      (
        await db().$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM "SurveyRespondent" WHERE "survey" = 'CES' AND ("id" % 9 = 0 OR "id" % 13 = 0) AND "id" % 17 <> 0`,
        )
      )[0].n,
    );
    const rowsRead = respondentStoreRowsRead();
    expectSameTable(await load("CES"), await referenceTable("CES"));
    expect(respondentStoreRowsRead() - rowsRead).toBeLessThanOrEqual(changed); // the changed ones still there, no more
    for (const [from, to] of [
      ["2023-06", "2023-09"],
      ["2024-01", undefined],
    ] as const)
      expectSameTable(await load("CES", from, to), await referenceTable("CES", from, to));
  });

  it("a change to more than 10,000 respondents of a version reads the version again", async () => {
    await load("CES");
    const version = (await db().surveyRespondent.findFirstOrThrow({ where: { survey: "CES" }, select: { questionnaireVersion: true } })).questionnaireVersion;
    await db().$executeRawUnsafe(
      `INSERT INTO "SurveyRespondent" ("survey", "respondentRef", "questionnaireVersion", "interviewDate", "periodMonth", "mode", "role", "contactReason", "answers", "source", "updatedAt")
       SELECT 'CES', 'BULK-' || g, '${version}', DATE '2023-10-02', DATE '2023-10-01', 'ONLINE', 'RECEIVING_PARENT', 'ENQUIRY',
              jsonb_build_object('CES_SAT', CASE WHEN g % 2 = 0 THEN 'SATISFIED' ELSE 'DISSATISFIED' END), 'IMPORT', now()
       FROM generate_series(1, 10001) g`,
    );
    const all = await db().surveyRespondent.count({ where: { survey: "CES", questionnaireVersion: version } });
    const rowsRead = respondentStoreRowsRead();
    expectSameTable(await load("CES"), await referenceTable("CES"));
    expect(respondentStoreRowsRead() - rowsRead).toBe(all);
  });
});

describe("the stored columns (RespondentColumn): a new process starts from them", () => {
  /** Reads the survey's every column, lets the store write them, and forgets them in memory: the next load is a new process's. */
  async function storeThenNewProcess(survey: string): Promise<void> {
    await clearPersistedRespondentStore();
    await load(survey);
    await flushRespondentStore();
    clearRespondentStore();
  }

  it("hold what the respondents hold: a new process builds the row loader's table from them without reading a respondent", async () => {
    await clearPersistedRespondentStore();
    const liveReads = respondentStoreReads();
    await load("CES");
    expect(respondentStoreReads()).toBeGreaterThan(liveReads); // nothing stored yet: read from the respondents
    await flushRespondentStore();
    clearRespondentStore();
    const reads = respondentStoreReads();
    const stored = respondentStorePersistedReads();
    for (const [from, to] of [
      [undefined, undefined],
      ["2023-06", "2023-09"],
      ["2024-01", undefined],
    ] as const)
      expectSameTable(await load("CES", from, to), await referenceTable("CES", from, to));
    expect(respondentStoreReads()).toBe(reads);
    expect(respondentStorePersistedReads()).toBeGreaterThan(stored);
  });

  it("an import since they were stored: a new process patches in the respondents it touched", async () => {
    await storeThenNewProcess("CES");
    const version = (await db().surveyRespondent.findFirstOrThrow({ where: { survey: "CES" }, select: { questionnaireVersion: true } })).questionnaireVersion;
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,CES_SAT";
    const r = await importResponses({
      input: Readable.from([`${head}\nSTORED-1,CES,${version},2023-07-05,ONLINE,PAYING_PARENT,ARREARS,DISSATISFIED\n`]),
      fileName: "stored.csv",
    });
    expect(r).toMatchObject({ inserted: 1, rejected: 0 });
    const rowsRead = respondentStoreRowsRead();
    expectSameTable(await load("CES"), await referenceTable("CES"));
    expect(respondentStoreRowsRead() - rowsRead).toBe(1);
  });

  it("a completed interview since they were stored: a new process patches it in", async () => {
    await storeThenNewProcess("CES");
    const version = (await db().surveyRespondent.findFirstOrThrow({ where: { survey: "CES" }, select: { questionnaireVersion: true } })).questionnaireVersion;
    await recordFieldworkRespondent({
      survey: "CES",
      respondentRef: "case-stored-test",
      questionnaireVersion: version,
      interviewDate: new Date("2023-10-20T10:00:00Z"),
      periodMonth: "2023-10",
      mode: "PHONE",
      role: "RECEIVING_PARENT",
      contactReason: "COMPLAINT",
      answers: { CES_SAT: { kind: "choice", code: "VERY_SATISFIED" } },
    });
    const rowsRead = respondentStoreRowsRead();
    expectSameTable(await load("CES", "2023-10", "2023-10"), await referenceTable("CES", "2023-10", "2023-10"));
    expect(respondentStoreRowsRead() - rowsRead).toBe(1);
  });

  it("a deletion since they were stored: a new process drops the respondents deleted", async () => {
    await storeThenNewProcess("CES");
    const deleted = await db().$executeRawUnsafe(`DELETE FROM "SurveyRespondent" WHERE "survey" = 'CES' AND "id" % 23 = 0`);
    expect(deleted).toBeGreaterThan(0);
    const rowsRead = respondentStoreRowsRead();
    const after = await load("CES");
    expect(respondentStoreRowsRead() - rowsRead).toBe(0); // deleted rows are dropped, nothing to read
    expectSameTable(after, await referenceTable("CES"));
  });

  it("an import of more than 10,000 respondents stores its survey's columns itself: the next process reads no respondent", async () => {
    await storeThenNewProcess("CES");
    const r = await importResponses({ input: Readable.from([fileText(syntheticCes(10_500, 23, undefined, "BIG"))]), fileName: "big.csv" });
    expect(r).toMatchObject({ inserted: 10_500, rejected: 0 });
    await r.columnsStored; // after the import has committed
    clearRespondentStore();
    const reads = respondentStoreReads();
    expectSameTable(await load("CES"), await referenceTable("CES"));
    expect(respondentStoreReads()).toBe(reads);
  });

  it("`responses import` on the command line says it is storing the columns, and returns once they are stored", async () => {
    const { resultsCommands } = await import("../../cli/results-commands");
    const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "fw-cli-store-"));
    const big = join(dir, "big.csv");
    const small = join(dir, "small.csv");
    writeFileSync(big, fileText(syntheticCes(10_500, 29, undefined, "CLIBIG")));
    writeFileSync(small, fileText(syntheticCes(20, 31, undefined, "CLISMALL")));
    await storeThenNewProcess("CES");
    const said: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (said.push(String(chunk).trimEnd()), true)) as typeof process.stderr.write;
    try {
      expect(await resultsCommands["responses import"]([big])).toMatchObject({ inserted: 10_500, rejected: 0 });
      // Returned: the columns are stored, so a new process reads no respondent.
      clearRespondentStore();
      const reads = respondentStoreReads();
      expectSameTable(await load("CES"), await referenceTable("CES"));
      expect(respondentStoreReads()).toBe(reads);
      const done = said.indexOf("COMPLETED: 10500 inserted, 0 updated, 0 unchanged, 0 rejected");
      expect(done).toBeGreaterThan(0);
      expect(said.slice(done + 1)).toEqual(["Storing the respondent columns for results (the respondents are already imported)...", "Stored."]);
      // A small import has nothing to store: no such lines.
      said.length = 0;
      expect(await resultsCommands["responses import"]([small])).toMatchObject({ inserted: 20 });
      expect(said.at(-1)).toBe("COMPLETED: 20 inserted, 0 updated, 0 unchanged, 0 rejected");
      expect(said.some((l) => l.startsWith("Storing"))).toBe(false);
    } finally {
      process.stderr.write = write;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
