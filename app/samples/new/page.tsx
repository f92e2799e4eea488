import { DrawSampleForm } from "@/components/sampling/DrawSampleForm";
import { requireRole } from "@/lib/auth/session";
import { mayDrawSamples } from "@/lib/sampling/db/settings";
import { currentTime } from "@/lib/clock";
import { calendarQuarter } from "@/lib/sampling/draw/strata";
import { staffMetadata, staffPage } from "@/lib/http/page";

// No title here: DrawSampleForm sets it, with "Error: " after a refused post (which has no address of its own).
export const generateMetadata = staffMetadata({ title: null });

export default staffPage(async function DrawSamplePage() {
  const user = await requireRole("samples:draw");
  if (!(await mayDrawSamples(user))) {
    return (
      <>
        <title>Draw a sample – Fieldwork</title>
        <h1 className="govuk-heading-l">Draw a sample</h1>
        <p className="govuk-body">An administrator has restricted drawing samples to supervisors. Ask a supervisor to draw this month&apos;s sample.</p>
      </>
    );
  }
  // The monthly surveys sample the preceding month (methodology.md).
  const now = currentTime();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const defaultMonth = last.toISOString().slice(0, 7);
  // CES samples a quarter once it has ended: the last whole calendar quarter (surveys.ts).
  const lastQuarter = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (now.getUTCMonth() % 3) - 3, 1));
  const defaultQuarter = calendarQuarter(lastQuarter.toISOString().slice(0, 10));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <DrawSampleForm defaultMonth={defaultMonth} defaultQuarter={defaultQuarter} />
      </div>
    </div>
  );
});
