import type { Metadata } from "next";
import { DrawSampleForm } from "@/components/sampling/DrawSampleForm";
import { requireRole } from "@/lib/auth/session";
import { mayDrawSamples } from "@/lib/sampling/db/settings";
import { currentTime } from "@/lib/clock";

export const metadata: Metadata = { title: "Draw a sample" };

export default async function DrawSamplePage() {
  const user = await requireRole("samples:draw");
  if (!(await mayDrawSamples(user))) {
    return (
      <>
        <h1 className="govuk-heading-l">Draw a sample</h1>
        <p className="govuk-body">An administrator has restricted drawing samples to supervisors. Ask a supervisor to draw this month&apos;s sample.</p>
      </>
    );
  }
  // The monthly surveys sample the preceding month (methodology.md).
  const now = currentTime();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const defaultMonth = last.toISOString().slice(0, 7);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <DrawSampleForm defaultMonth={defaultMonth} />
      </div>
    </div>
  );
}
