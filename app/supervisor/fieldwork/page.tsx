import Link from "next/link";
import { LiveRefresh } from "@/components/cati/LiveRefresh";
import { SampleProgressSection } from "@/components/fieldwork/SampleProgressSection";
import { requireRole } from "@/lib/auth/session";
import { sharedControlRoomOverview } from "@/lib/fieldwork/db/overview";
import { formatTimeSeconds } from "@/lib/format";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Control room" });

const REFRESH_SECONDS = 3;

export default staffPage(async function ControlRoomPage() {
  await requireRole("fieldwork:monitor");
  const overview = await sharedControlRoomOverview();
  return (
    <>
      <span className="govuk-caption-l">Supervisor</span>
      <h1 className="govuk-heading-l">Control room</h1>
      <LiveRefresh seconds={REFRESH_SECONDS} />
      <p className="govuk-body-s" data-testid="control-room-updated">
        Live: updated at {formatTimeSeconds(overview.at)}, every {REFRESH_SECONDS} seconds.{" "}
        <Link href="/supervisor/fieldwork" className="govuk-link">
          Refresh now
        </Link>
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What the figures mean</span>
        </summary>
        <div className="govuk-details__text">
          Both modes count: telephone interviews and online questionnaires. Completes are cases coded 1.1, partials 1.2. In progress: cases an interviewer holds
          now. Never tried: not yet called or answered. Still to try: not finished (in progress included). Exhausted: finished without an interview. The
          projection divides what is still needed by the completes of the last 7 days. A cell runs out of sample when its cases still to try, at the completes
          per finished case seen so far (the cell&apos;s own once 20 of its cases are finished, else the sample&apos;s), give fewer completes than it needs; the
          top-up is the number of cases that would make up the difference at that rate.
        </div>
      </details>
      {overview.samples.length === 0 ? (
        <p className="govuk-body">No sample is in fieldwork: every case of every sample is finished, or none has been drawn.</p>
      ) : (
        overview.samples.map((s) => <SampleProgressSection sample={s} key={s.sampleId} />)
      )}
      <p className="govuk-body">
        <Link href="/supervisor/interviewers" className="govuk-link">
          Interviewers today and this week
        </Link>
      </p>
    </>
  );
});
