import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CloseFollowUpForm, RecordAttemptForm, RevealContactDetails } from "@/components/feedback/FollowUpForms";
import { CONTACT_CHANNEL_LABELS, CONTACT_REASON_LABELS, SERVICE_LABELS } from "@/components/feedback/labels";
import { SummaryList, Table } from "@/components/govuk";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import { ATTEMPT_OUTCOME_LABELS, RESOLUTION_LABELS } from "@/lib/feedback/follow-up-rules";
import { getFollowUp } from "@/lib/feedback/follow-ups";
import { formatDateTime } from "@/lib/format";
import { pageParams, uuidParams } from "@/lib/http/params";
import { claimFollowUpAction, releaseFollowUpAction } from "../actions";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findFollowUp = cache((id: string, actorId: string) => getFollowUp({ id, actorId, now: currentTime() }));

export const generateMetadata = recordMetadata(uuidParams, "Follow-up", ({ id }, user) => findFollowUp(id, user.id));

const ERRORS: Record<string, string> = {
  FOLLOW_UP_CLAIMED_BY_OTHER: "Someone else has claimed this follow-up.",
  FOLLOW_UP_CLOSED: "This follow-up is closed already.",
  FOLLOW_UP_NOT_CLAIMED: "Claim this follow-up first.",
};

export default staffPage(async function FollowUpPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string; claimed?: string; attempt?: string }>;
}) {
  const user = await requireRole("followups:work");
  const { id } = await pageParams(uuidParams, params);
  const query = await searchParams;
  const f = await findFollowUp(id, user.id);
  if (!f) notFound();
  const open = !f.closedAt;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <p className="govuk-body">
          <Link className="govuk-back-link" href="/recovery">
            All follow-ups
          </Link>
        </p>
        {query.error && (
          <p className="govuk-error-message" role="alert">
            {ERRORS[query.error] ?? "That did not work. Reload the page and try again."}
          </p>
        )}
        {query.claimed && (
          <p className="govuk-body govuk-!-font-weight-bold" role="status">
            You have claimed this follow-up.
          </p>
        )}
        {query.attempt && (
          <p className="govuk-body govuk-!-font-weight-bold" role="status">
            The attempt was recorded.
          </p>
        )}
        <span className="govuk-caption-l">Follow-up</span>
        <h1 className="govuk-heading-l">
          {f.lowRating ? `Rated ${f.rating} of 5` : "Asked to be called back"}{" "}
          {f.overdue && open && <strong className="govuk-tag govuk-tag--red">Overdue</strong>}
        </h1>
        <SummaryList
          rows={[
            { key: "Due", value: formatDateTime(f.dueAt) },
            {
              key: "Status",
              value: open
                ? f.claimedByMe
                  ? "Claimed by you"
                  : f.claimedBy
                    ? `Claimed by ${f.claimedBy}`
                    : "Not claimed"
                : `Closed ${formatDateTime(f.closedAt!)}: ${RESOLUTION_LABELS[f.resolution as keyof typeof RESOLUTION_LABELS] ?? f.resolution}`,
            },
            { key: "Rating", value: f.rating ? `${f.rating} of 5` : "Not given" },
            { key: "Asked to be called back", value: f.callBackAsked ? "Yes" : "No" },
            { key: "Comment", value: <span className="fw-wrap-anywhere">{f.comment ?? "None"}</span> },
            { key: "Answered", value: f.answeredAt ? formatDateTime(f.answeredAt) : "" },
          ]}
        />
        <h2 className="govuk-heading-m">The contact</h2>
        <SummaryList
          rows={[
            { key: "Service", value: SERVICE_LABELS[f.service] ?? f.service },
            { key: "Client reference", value: f.contact.clientRef },
            { key: "When", value: formatDateTime(f.contact.contactAt) },
            { key: "Channel", value: CONTACT_CHANNEL_LABELS[f.channel] ?? f.channel },
            { key: "Reason", value: CONTACT_REASON_LABELS[f.contact.reason] ?? f.contact.reason },
            { key: "Team or agent", value: f.teamCode },
            { key: "Contact id", value: <span className="fw-wrap-anywhere">{f.contact.contactRef}</span> },
          ]}
        />
        {f.attemptList.length > 0 && (
          <Table
            caption="Attempts"
            rows={f.attemptList}
            rowKey={(_a, i) => String(i)}
            columns={[
              { header: "When", cell: (a) => formatDateTime(a.at) },
              { header: "Who", cell: (a) => a.by },
              { header: "What happened", cell: (a) => ATTEMPT_OUTCOME_LABELS[a.outcome as keyof typeof ATTEMPT_OUTCOME_LABELS] ?? a.outcome },
              { header: "Note", className: "fw-wrap-anywhere", cell: (a) => a.note ?? "" },
            ]}
          />
        )}
        {!open && f.resolutionNote && (
          <>
            <h2 className="govuk-heading-m">Resolution</h2>
            <p className="govuk-body fw-wrap-anywhere">{f.resolutionNote}</p>
            <p className="govuk-body">Closed by {f.closedBy}</p>
          </>
        )}
        {open && !f.claimedByMe && !f.claimedBy && (
          <form action={claimFollowUpAction}>
            <input type="hidden" name="followUpId" value={f.id} />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Claim this follow-up
            </button>
          </form>
        )}
        {open && f.claimedByMe && (
          <>
            <h2 className="govuk-heading-m">Contact the client</h2>
            <RevealContactDetails followUpId={f.id} />
            <RecordAttemptForm followUpId={f.id} />
            <CloseFollowUpForm followUpId={f.id} />
            <form action={releaseFollowUpAction}>
              <input type="hidden" name="followUpId" value={f.id} />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Give it back to the queue
              </button>
            </form>
          </>
        )}
      </div>
    </div>
  );
});
