import { CONTACT_CHANNEL_LABELS, CONTACT_REASON_LABELS } from "@/components/feedback/labels";
import { ErrorSummary, Select, Table, TextInput } from "@/components/govuk";
import { SummaryList } from "@/components/govuk/SummaryList";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import { CONTACT_CHANNELS } from "@/lib/feedback/contact-schema";
import { RESOLUTION_LABELS } from "@/lib/feedback/follow-up-rules";
import { feedbackReport, listFeedbackComments, type RatingRow } from "@/lib/feedback/report";
import { feedbackQueryFrom } from "@/lib/feedback/report-query";
import type { ShareEstimate } from "@/lib/feedback/stats";
import { formatDate, formatDateTime, formatNumber, formatPercent } from "@/lib/format";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Real-time feedback" });

const mean = (r: RatingRow) => (r.rating.mean === null ? "–" : r.rating.mean.toFixed(2));
const interval = (r: RatingRow) => (r.rating.low === null || r.rating.high === null ? "–" : `${r.rating.low.toFixed(2)} to ${r.rating.high.toFixed(2)}`);
const share = (s: ShareEstimate) => (s.share === null ? "–" : `${formatPercent(s.share)} (${formatPercent(s.low)} to ${formatPercent(s.high)})`);

function RatingTable({ caption, first, rows, label }: { caption: string; first: string; rows: RatingRow[]; label: (g: string) => string }) {
  if (rows.length === 0) return null;
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.group}
      columns={[
        { header: first, rowHeader: true, cell: (r) => label(r.group) },
        { header: "Base", numeric: true, cell: (r) => formatNumber(r.rating.base) },
        { header: "Mean rating (1-5)", numeric: true, cell: mean },
        { header: "95% interval", numeric: true, cell: interval },
        { header: "Low ratings (95% interval)", numeric: true, cell: (r) => share(r.low) },
      ]}
    />
  );
}

export default staffPage(async function FeedbackResultsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("feedback:view");
  const params = await searchParams;
  const now = currentTime();
  const parsed = feedbackQueryFrom(params, now);
  const query = parsed.query;
  const [report, comments] = await Promise.all([feedbackReport({ query, now }), listFeedbackComments({ query, take: 200 })]);
  const typed = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const csvQuery = new URLSearchParams(
    Object.entries(query)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <>
      {!parsed.ok && <ErrorSummary errors={Object.entries(parsed.errors).map(([field, message]) => ({ field, message }))} />}
      <span className="govuk-caption-l">Results</span>
      <h1 className="govuk-heading-l">Real-time feedback</h1>
      <p className="govuk-body">
        Ratings of contacts from {formatDate(new Date(`${report.from}T12:00:00Z`))} to {formatDate(new Date(`${report.to}T12:00:00Z`))}, by when they were
        given. A rating of {report.lowRatingThreshold} or less is low. Intervals are 95% confidence intervals; small bases give wide ones.
      </p>
      <form method="get" action="/results/feedback" noValidate>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput
              id="from"
              name="from"
              label="First day"
              hint="For example, 2026-09-14"
              width="10"
              defaultValue={typed("from") || query.from}
              error={parsed.ok ? undefined : parsed.errors.from}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <TextInput
              id="to"
              name="to"
              label="Last day"
              hint="For example, 2026-12-04"
              width="10"
              defaultValue={typed("to") || query.to}
              error={parsed.ok ? undefined : parsed.errors.to}
            />
          </div>
        </div>
        <h2 className="govuk-heading-s">Comments</h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <Select
              id="maxRating"
              name="maxRating"
              label="Rated at most"
              anyLabel="Any rating"
              options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: String(n) }))}
              defaultValue={typed("maxRating")}
              error={parsed.ok ? undefined : parsed.errors.maxRating}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select
              id="channel"
              name="channel"
              label="Channel"
              anyLabel="Any channel"
              options={CONTACT_CHANNELS.map((c) => ({ value: c, label: CONTACT_CHANNEL_LABELS[c] ?? c }))}
              defaultValue={typed("channel")}
              error={parsed.ok ? undefined : parsed.errors.channel}
            />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <TextInput id="team" name="team" label="Team code" width="10" defaultValue={typed("team")} error={parsed.ok ? undefined : parsed.errors.team} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <TextInput
              id="search"
              name="search"
              label="Words in the comment"
              width="10"
              defaultValue={typed("search")}
              error={parsed.ok ? undefined : parsed.errors.search}
            />
          </div>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Show
        </button>
      </form>

      <h2 className="govuk-heading-m">Overall</h2>
      <SummaryList
        data-testid="feedback-overall"
        rows={[
          { key: "Contacts received", value: formatNumber(report.contacts.received) },
          { key: "Clients asked", value: formatNumber(report.contacts.asked) },
          { key: "Ratings given", value: `${formatNumber(report.contacts.answered)} (response rate ${share(report.contacts.responseRate)})` },
          { key: "Mean rating", value: `${mean(report.overall)} (95% interval ${interval(report.overall)}, base ${formatNumber(report.overall.rating.base)})` },
          { key: "Low ratings", value: share(report.overall.low) },
        ]}
      />
      <h2 className="govuk-heading-m">Follow-ups</h2>
      <SummaryList
        data-testid="feedback-follow-ups"
        rows={[
          { key: "Opened", value: formatNumber(report.followUps.opened) },
          { key: "Still open", value: formatNumber(report.followUps.open) },
          {
            key: "Low ratings followed up within the due time",
            value: `${share(report.followUps.lowRatingsInTime)}, base ${formatNumber(report.followUps.lowRatingsInTime.base)}`,
          },
          {
            key: "Median time to resolution",
            value: report.followUps.medianHoursToResolution === null ? "–" : `${report.followUps.medianHoursToResolution.toFixed(1)} hours`,
          },
          ...Object.entries(report.followUps.byResolution).map(([k, n]) => ({
            key: RESOLUTION_LABELS[k as keyof typeof RESOLUTION_LABELS] ?? k,
            value: formatNumber(n),
          })),
        ]}
      />
      <RatingTable caption="Ratings by week" first="Week starting" rows={report.byWeek} label={(g) => formatDate(new Date(`${g}T12:00:00Z`))} />
      <RatingTable caption="Ratings by channel" first="Channel" rows={report.byChannel} label={(g) => CONTACT_CHANNEL_LABELS[g] ?? g} />
      <RatingTable caption="Ratings by team" first="Team or agent code" rows={report.byTeam} label={(g) => g} />

      <Table
        caption="Who was asked: exclusions, in order"
        rows={report.waterfall}
        rowKey={(w) => w.rule}
        columns={[
          { header: "Rule", rowHeader: true, cell: (w) => w.label },
          { header: "Not asked", numeric: true, cell: (w) => formatNumber(w.excluded) },
          { header: "Remaining", numeric: true, cell: (w) => formatNumber(w.remaining) },
        ]}
      />
      <p className="govuk-body">
        Of {formatNumber(report.contacts.received)} contacts, {formatNumber(report.contacts.received - report.contacts.waiting)} have been decided;{" "}
        {formatNumber(report.contacts.waiting)} are waiting for their delay to pass.
      </p>

      <h2 className="govuk-heading-m">Comments</h2>
      <p className="govuk-body">
        <a className="govuk-link" href={`/results/feedback/comments?${csvQuery}`} download>
          Download the comments (CSV)
        </a>{" "}
        – no client references or contact details; email addresses and phone numbers typed into comments are blanked.
      </p>
      {comments.length === 0 ? (
        <p className="govuk-body">No comments match.</p>
      ) : (
        <Table
          caption={`Comments (${formatNumber(comments.length)}${comments.length === 200 ? ", the latest 200: download for all" : ""})`}
          captionSize="s"
          rows={comments}
          rowKey={(_c, i) => String(i)}
          columns={[
            { header: "Given", cell: (c) => formatDateTime(c.answeredAt) },
            { header: "Rating", numeric: true, cell: (c) => (c.rating === null ? "" : String(c.rating)) },
            {
              header: "Contact",
              cell: (c) => `${CONTACT_CHANNEL_LABELS[c.channel] ?? c.channel}, ${CONTACT_REASON_LABELS[c.reason] ?? c.reason}, team ${c.teamCode}`,
            },
            { header: "Comment", className: "fw-wrap-anywhere", cell: (c) => c.comment },
          ]}
        />
      )}
    </>
  );
});
