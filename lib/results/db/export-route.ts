import "server-only";
import { NextResponse } from "next/server";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requestFromQuery } from "../results-request";
import { exportRespondents, exportTables } from "./exports";
import { resultsJson } from "../report";
import { runResults } from "./run-results";

// Route handler bodies for downloads: expected problems answer 400 with a JSON
// message; the respondent-level export is recorded in the audit log.

function problem(error: unknown) {
  if (error instanceof AppError) return NextResponse.json({ error: { code: error.code, message: error.message, field: error.field } }, { status: 400 });
  throw error;
}

export async function exportFile({ query: q, actorId }: { query: URLSearchParams; actorId: string }): Promise<Response> {
  const format = q.get("format") === "xlsx" ? "xlsx" : "csv";
  const kind = q.get("kind") === "respondents" ? "respondents" : "tables";
  const req = requestFromQuery(q);
  try {
    const body =
      kind === "respondents"
        ? (
            await exportRespondents({
              request: { survey: req.survey, from: req.from || undefined, to: req.to || undefined, weights: req.weights, targetSet: req.targetSet },
              format,
            })
          ).body
        : (
            await exportTables({
              request: { survey: req.survey, from: req.from, to: req.to, weights: req.weights, targetSet: req.targetSet, minimumBase: req.minimumBase },
              format,
            })
          ).body;
    // Every download is audited: the respondent-level file and the published tables.
    await recordAuditEvent(db(), {
      actorId,
      action: `results.${kind}_exported`,
      entityType: "SurveyRespondent",
      details: { survey: req.survey, from: req.from ?? null, to: req.to ?? null, format },
    });
    const name = `${req.survey}-${kind}${req.from ? `-${req.from}` : ""}${req.to ? `-${req.to}` : ""}.${format}`;
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${name}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return problem(error);
  }
}

export async function resultsJsonResponse(q: URLSearchParams): Promise<Response> {
  try {
    return NextResponse.json(resultsJson(await runResults({ request: requestFromQuery(q) })));
  } catch (error) {
    return problem(error);
  }
}
