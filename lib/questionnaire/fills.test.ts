import { describe, expect, it } from "vitest";
import { escapeHtml, fillProblems, formatMonth, renderHtml, renderSegments, renderText } from "./fills";
import { getQuestionnaireVersion } from "./registry";

const CMS_SAT_TEMPLATE = "not just your {{contactReason}}, since {{contactMonth}}?";

describe("fills", () => {
  it("writes the contact month as words", () => {
    expect(formatMonth("2015-03")).toBe("March 2015");
    expect(formatMonth("2013-12")).toBe("December 2013");
    expect(() => formatMonth("2015-13")).toThrow();
  });

  it("substitutes the contact reason wording and the month (seed 001 CMS_SAT)", () => {
    expect(renderText(CMS_SAT_TEMPLATE, { contactReason: "CHANGE_OF_CIRCUMSTANCES", contactMonth: "2015-03" })).toBe(
      "not just your change of circumstances, since March 2015?",
    );
    expect(renderText(CMS_SAT_TEMPLATE, { contactReason: "NEW_APPLICATION", contactMonth: "2016-08" })).toBe("not just your application, since August 2016?");
    expect(renderText("{{contactReason}}", { contactReason: "ARREARS" })).toBe("arrears");
    expect(renderText("{{contactReason}}", { contactReason: "COMPLAINT" })).toBe("complaint");
  });

  it("names the service", () => {
    expect(renderText("help improve the {{serviceName}}", { service: "CMS" })).toBe("help improve the Child Maintenance Service");
    expect(renderText("to {{serviceName}}", { service: "OPTIONS" })).toBe("to Child Maintenance Options");
  });

  it("shows the seed's bracket placeholder when the case lacks the value", () => {
    expect(renderText(CMS_SAT_TEMPLATE, {})).toBe("not just your (application/change of circumstances/arrears/complaint), since (month)?");
    expect(renderSegments("since {{contactMonth}}", {})).toEqual([
      { kind: "text", text: "since " },
      { kind: "fill", name: "contactMonth", text: "(month)", missing: true },
    ]);
  });

  it("escapes HTML in fill values: a client_ref holding a script tag", () => {
    const html = renderHtml("Client reference: {{clientRef}}.", { clientRef: '<script>alert("x")</script>' });
    expect(html).toBe("Client reference: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;.");
    expect(html).not.toContain("<script>");
  });

  it("escapes HTML in the template text itself", () => {
    expect(renderHtml("<b>Tom & Jerry's</b> {{serviceName}}", { service: "CMS" })).toBe("&lt;b&gt;Tom &amp; Jerry&#39;s&lt;/b&gt; Child Maintenance Service");
    expect(escapeHtml(`<img src=x onerror="a">`)).toBe("&lt;img src=x onerror=&quot;a&quot;&gt;");
  });

  it("never expands a fill inside a fill value", () => {
    expect(renderText("ref {{clientRef}}", { clientRef: "{{contactMonth}}", contactMonth: "2015-03" })).toBe("ref {{contactMonth}}");
  });

  it("keeps fill values as separate segments for React to render as text", () => {
    const segments = renderSegments("ref {{clientRef}}!", { clientRef: "<i>" });
    expect(segments).toEqual([
      { kind: "text", text: "ref " },
      { kind: "fill", name: "clientRef", text: "<i>", missing: false },
      { kind: "text", text: "!" },
    ]);
  });

  it("reports unknown and malformed fills", () => {
    expect(fillProblems("since {{contactMonth}}")).toEqual([]);
    expect(fillProblems("Dear {{firstName}}")).toEqual(["unknown fill {{firstName}} (known: contactMonth, contactReason, serviceName, clientRef, clientName)"]);
    expect(fillProblems("since {{contactMonth")).toEqual(["malformed fill: unmatched {{ or }}"]);
    expect(fillProblems("a {single} brace is fine")).toEqual([]);
  });

  it("renders the shipped CMS-2015 overall question for a real case", () => {
    const version = getQuestionnaireVersion("CMS-2015");
    const question = version?.screens.find((s) => s.id === "CMS_SAT");
    expect(question && renderText(question.text, { contactReason: "COMPLAINT", contactMonth: "2015-06" })).toBe(
      "Now thinking about your whole experience of the CMS, not just your complaint, how satisfied are you " +
        "with the service the CMS has provided since June 2015? Are you:",
    );
  });
});
