import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { exportRespondents, exportTables } from "./exports";
import { importResponses } from "./import-responses";
import { resolveMeasure } from "../measure-catalogue";
import { runResults } from "./run-results";
import { DEMO_TARGET_SETS, seedDemoResults } from "./seed-demo";

describe("exports and demo data", () => {
  it("seedDemoResults loads CES, CMS and Options respondents and their targets, and is idempotent", async () => {
    const t0 = Date.now();
    expect(await seedDemoResults()).toEqual({ ces: 3000, cms: 2200, options: 1200 });
    expect(await seedDemoResults()).toEqual({ ces: 3000, cms: 2200, options: 1200 });
    expect(await db().surveyRespondent.count()).toBe(6400);
    expect(await db().responseImport.count({ where: { rejected: { gt: 0 } } })).toBe(0);
    expect(await db().targetSet.count({ where: { name: { in: Object.values(DEMO_TARGET_SETS) } } })).toBe(2);
    console.log(`seedDemoResults twice: ${Date.now() - t0} ms`);
  });

  it("respondent-level CSV is pseudonymised: no respondent_ref, no x_ columns, a database number instead", async () => {
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,x_client_name,CES_SAT";
    await importResponses({
      fileName: "p.csv",
      input: Readable.from([`${head}\nCLIENT-REF-991,CES,CES-2023,2022-01-05,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,=HYPERLINK(\"x\"),SATISFIED\n`]),
    });
    const { body, respondents } = await exportRespondents({ request: { survey: "CES", from: "2022-01", to: "2022-01" }, format: "csv" });
    expect(respondents).toBe(1);
    const text = body.toString("utf8");
    const [header, row] = text.trim().split("\r\n");
    expect(header.split(",").slice(0, 3)).toEqual(["respondent_id", "survey", "questionnaire_version"]);
    expect(header).not.toMatch(/respondent_ref|x_client_name/);
    expect(text).not.toMatch(/CLIENT-REF-991|HYPERLINK/);
    expect(row).toMatch(/^\d+,CES,CES-2023,2022-01-05,2022-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,/);
  });

  it("published-style tables as XLSX: every measure overall and by each breakdown, with notes", async () => {
    const { body, tables } = await exportTables({
      request: { survey: "CES", from: "2023-04", to: "2024-03", weights: "rake", targetSet: DEMO_TARGET_SETS.ces },
      format: "xlsx",
    });
    expect(tables).toBeGreaterThan(20);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("Tables")!;
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(["measure", "breakdown", "category", "base", "estimate", "ci95_low", "ci95_high"]));
    const overall = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => String(r.getCell(1).value).startsWith("CES_SAT") && r.getCell(2).value === "ALL")!;
    expect(Number(overall.getCell(5).value)).toBeGreaterThan(0.3);
    expect(wb.getWorksheet("Notes")!.getRow(5).values).toEqual(expect.arrayContaining(["weighting", "rake"]));
  });

  it("published tables as CSV are rounded as published statistics are, with categories in words (issue 18)", async () => {
    await seedDemoResults();
    const { body } = await exportTables({
      request: { survey: "CES", from: "2023-04", to: "2024-03", weights: "rake", targetSet: DEMO_TARGET_SETS.ces },
      format: "csv",
    });
    // The CSV holds two sheets, each under its name: the tables, then the notes.
    const tables = body
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split("\r\n\r\n")[0];
    const [, columns, ...rows] = parse(tables, { relax_column_count: true }) as string[][];
    const at = (name: string) => columns.indexOf(name);
    const estimates = rows.map((r) => r[at("estimate")]).filter((v) => v !== "");
    expect(estimates.length).toBeGreaterThan(20);
    for (const v of estimates) expect(v).toMatch(/^-?\d+(\.\d{1,3})?$/);
    expect(rows.some((r) => r[at("breakdown")] === "role" && r[at("category")] === "RECEIVING_PARENT" && r[at("category_label")] === "Receiving parent")).toBe(
      true,
    );
    // Every breakdown's categories in the code lists' and questionnaire's words, not only roles and contact reasons.
    const label = (by: string, category: string) => rows.find((r) => r[at("breakdown")] === by && r[at("category")] === category)?.[at("category_label")];
    expect(label("ethnicity", "BLACK")).toBe("Black/African/Caribbean/Black British");
    expect(label("service_length", "LT1Y")).toBe("Less than 1 year");
    expect(label("contact_reason", "CHANGE_OF_CIRCUMSTANCES")).toBe("Change of circumstances");
    expect(label("CES_DIGITAL", "YES_WITH_HELP")).toBe("Yes, with help");
    // The measure by its id, with the question in full (not cut off) and the breakdown in words.
    const overall = rows.find((r) => r[at("measure")] === "CES_SAT" && r[at("breakdown")] === "ALL")!;
    expect(overall[at("measure_label")]).toBe("Overall, how satisfied or dissatisfied are you with the service provided by the Child Maintenance Service?");
    expect(overall[at("breakdown_label")]).toBe("All respondents");
    expect(rows.find((r) => r[at("breakdown")] === "service_length")![at("breakdown_label")]).toBe("Length of service use");
  });

  it("the respondent-level file carries the design weight and the weight of the weighting chosen, which reproduce the page's estimate (issue 18)", async () => {
    await seedDemoResults();
    const request = { survey: "CES", from: "2023-04", to: "2024-03", weights: "rake", targetSet: DEMO_TARGET_SETS.ces };
    const { body } = await exportRespondents({ request, format: "csv" });
    const [columns, ...rows] = parse(body.toString("utf8").replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
    const at = (name: string) => columns.indexOf(name);
    expect(at("design_weight")).toBeGreaterThan(0);
    expect(at("weight_rake")).toBeGreaterThan(0);
    expect(columns).not.toContain("respondent_ref");
    const page = await runResults({ request: { ...request, measure: "CES_SAT" } });
    const spec = resolveMeasure("CES", "CES_SAT", "proportion", []).spec;
    if (spec.kind !== "share") throw new Error("CES_SAT is a share");
    let yes = 0,
      all = 0,
      n = 0;
    for (const r of rows) {
      const answer = r[at("CES_SAT")];
      expect(Number(r[at("design_weight")])).toBe(1); // raking starts from equal weights
      if (!answer || spec.excluded.includes(answer)) continue;
      const w = Number(r[at("weight_rake")]);
      n++;
      all += w;
      if (spec.positive.includes(answer)) yes += w;
    }
    expect(n).toBe(page.results.overall.base);
    expect(yes / all).toBeCloseTo(page.results.overall.estimate!, 10);
  });

  it("with supplied weights, the file's design weight and final weight are each respondent's own weight, row by row (issue 18)", async () => {
    await seedDemoResults();
    const { body, respondents } = await exportRespondents({ request: { survey: "CMS", weights: "supplied" }, format: "csv" });
    const [columns, ...rows] = parse(body.toString("utf8").replace(/^\uFEFF/, ""), { relax_column_count: true }) as string[][];
    const at = (name: string) => columns.indexOf(name);
    expect(rows).toHaveLength(respondents);
    expect(respondents).toBeGreaterThanOrEqual(2200);
    const ids = rows.map((r) => Number(r[at("respondent_id")]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const weighted = rows.filter((r) => r[at("weight")] !== "");
    expect(weighted.length).toBeGreaterThan(2000);
    expect(new Set(weighted.map((r) => r[at("weight")])).size).toBeGreaterThan(1);
    for (const r of weighted) {
      expect(r[at("design_weight")]).toBe(r[at("weight")]);
      expect(r[at("weight_supplied")]).toBe(r[at("weight")]);
    }
  });
});
