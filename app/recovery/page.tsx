import Link from "next/link";
import { CONTACT_CHANNEL_LABELS } from "@/components/feedback/labels";
import { Table } from "@/components/govuk";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import { RESOLUTION_LABELS } from "@/lib/feedback/follow-up-rules";
import { listFollowUps } from "@/lib/feedback/follow-ups";
import { formatDateTime, formatNumber } from "@/lib/format";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Follow-ups" });

// Service recovery (issue 14): open follow-ups, most overdue first.
export default staffPage(async function FollowUpQueuePage({ searchParams }: { searchParams: Promise<{ show?: string; closed?: string; released?: string }> }) {
  const user = await requireRole("followups:work");
  const query = await searchParams;
  const showClosed = query.show === "closed";
  const now = currentTime();
  const items = await listFollowUps({ actorId: user.id, closed: showClosed, now });
  const overdue = items.filter((i) => i.overdue && !i.closedAt).length;
  return (
    <>
      <span className="govuk-caption-l">Real-time feedback</span>
      <h1 className="govuk-heading-l">Follow-ups</h1>
      {query.closed && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          The follow-up was closed.
        </p>
      )}
      {query.released && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          The follow-up is back in the queue.
        </p>
      )}
      <p className="govuk-body">
        Clients who rated a contact low or asked to be called back. Claim one to see the feedback and the client&apos;s phone number.{" "}
        {showClosed ? (
          <Link className="govuk-link" href="/recovery">
            Show open follow-ups
          </Link>
        ) : (
          <Link className="govuk-link" href="/recovery?show=closed">
            Show closed follow-ups
          </Link>
        )}
      </p>
      {!showClosed && overdue > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {formatNumber(overdue)} {overdue === 1 ? "follow-up is" : "follow-ups are"} overdue.
          </strong>
        </div>
      )}
      {items.length === 0 ? (
        <p className="govuk-body">{showClosed ? "No follow-ups have been closed yet." : "There are no open follow-ups."}</p>
      ) : (
        <Table
          caption={showClosed ? `Closed follow-ups (${formatNumber(items.length)})` : `Open follow-ups (${formatNumber(items.length)})`}
          rows={items}
          rowKey={(i) => i.id}
          columns={[
            {
              header: "Due",
              rowHeader: true,
              cell: (i) => (
                <>
                  <Link className="govuk-link" href={`/recovery/${i.id}`}>
                    {formatDateTime(i.dueAt)}
                  </Link>{" "}
                  {i.overdue && <strong className="govuk-tag govuk-tag--red">Overdue</strong>}
                </>
              ),
            },
            {
              header: "Why",
              cell: (i) => [i.lowRating ? `Rated ${i.rating} of 5` : "", i.callBackAsked ? "Asked to be called back" : ""].filter(Boolean).join("; "),
            },
            { header: "Contact", cell: (i) => `${i.service} ${CONTACT_CHANNEL_LABELS[i.channel] ?? i.channel}, team ${i.teamCode}` },
            { header: "Attempts", numeric: true, cell: (i) => formatNumber(i.attempts) },
            showClosed
              ? {
                  header: "Outcome",
                  cell: (i) =>
                    `${RESOLUTION_LABELS[i.resolution as keyof typeof RESOLUTION_LABELS] ?? i.resolution} ${i.closedAt ? formatDateTime(i.closedAt) : ""}`,
                }
              : { header: "Claimed by", cell: (i) => (i.claimedByMe ? "You" : (i.claimedBy ?? "Nobody yet")) },
          ]}
        />
      )}
    </>
  );
});
