import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageFor } from "@/lib/auth/permissions";

// A staff page that throws its refusal without the wrapper is blank without
// JavaScript (lib/http/page.tsx); e2e/staff-forms-no-js.spec.ts sees two of them
// drawn, and this holds every other page to the same wrapper.
const APP = path.resolve(import.meta.dirname, "../../app");

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pages(full);
    return entry.name === "page.tsx" ? [full] : [];
  });
}

describe("pages that can refuse", () => {
  const all = pages(APP);
  const refusing = all.filter((file) => /\brequireRole\(|\bnotFound\(|\bforbidden\(|\bpageParams\(/.test(readFileSync(file, "utf8")));

  it("are found (the role table's pages and the record pages among them)", () => {
    expect(refusing.length).toBeGreaterThanOrEqual(37);
    expect(refusing.map((f) => path.relative(APP, f))).toContain(path.join("samples", "[id]", "page.tsx"));
  });

  it("each export the page through staffPage, so their 403 and 404 are drawn without JavaScript", () => {
    const bare = refusing.filter((file) => !/^export default staffPage\(/m.test(readFileSync(file, "utf8")));
    expect(bare.map((f) => path.relative(APP, f))).toEqual([]);
  });

  it("each title themselves through staffMetadata, so a refused page is titled so", () => {
    const untitled = refusing.filter((file) => !/^export const generateMetadata = (staffMetadata|recordMetadata)\(/m.test(readFileSync(file, "utf8")));
    expect(untitled.map((f) => path.relative(APP, f))).toEqual([]);
  });

  it("about one record (a [parameter] in the address) title themselves through recordMetadata, so a missing one is titled so", () => {
    const records = refusing.filter((file) => path.relative(APP, file).includes("["));
    expect(records.length).toBeGreaterThanOrEqual(11);
    const untitled = records.filter((file) => !/^export const generateMetadata = recordMetadata\(/m.test(readFileSync(file, "utf8")));
    expect(untitled.map((f) => path.relative(APP, f))).toEqual([]);
  });

  it("ask requireRole() for the permission the role table gives their address (staffMetadata titles by the table)", () => {
    const checked = refusing.flatMap((file) => {
      const asked = [...readFileSync(file, "utf8").matchAll(/\brequireRole\("([^"]+)"/g)].map((m) => m[1]);
      if (asked.length === 0) return [];
      const route = "/" + path.relative(APP, path.dirname(file)).split(path.sep).join("/");
      return [{ route, asked, table: pageFor(route.replace(/\[([^\]]+)\]/g, "x"))?.permission }];
    });
    expect(checked.length).toBeGreaterThanOrEqual(37);
    for (const page of checked) expect(page.asked.map((p) => [page.route, p])).toEqual(page.asked.map(() => [page.route, page.table]));
  });
});
