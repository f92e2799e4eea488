import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { feedbackReport, type FeedbackReport, type RatingRow } from "./report";
import { plantAnsweredFeedback, uniquePrefix } from "./test-data";

// What managers see (issue 14) on planted answers whose numbers are worked out
// by hand below: ratings by week, channel and team with bases and 95% intervals,
// the share of low ratings followed up within the due time, the median time to
// resolution; the same numbers from `npm run cli -- feedback report` as JSON.
// Low rating = 1 or 2 (the default threshold). z = 1.959964.
//
//   contact  answered (UTC)       UK week     channel  team    rating  follow-up
//   Z        Sun 18 Oct 22:30     12 Oct      EMAIL    TEAM-B  3
//   A        Sun 18 Oct 23:30     19 Oct (*)  PHONE    TEAM-A  5
//   B        Tue 20 Oct 10:00     19 Oct      PHONE    TEAM-A  1       due 22 Oct 10:00, resolved 21 Oct 10:00 (24 h, in time)
//   C        Wed 21 Oct 09:00     19 Oct      WEBCHAT  TEAM-B  4
//   D        Mon  2 Nov 09:00     2 Nov       WEBCHAT  TEAM-B  2       due 4 Nov 09:00, could not reach 5 Nov 15:00 (78 h, late)
//   E        Tue  3 Nov 12:00     2 Nov       PHONE    TEAM-A  1       due 5 Nov 12:00, still open (overdue)
//   F        Wed  4 Nov 10:00     2 Nov       PHONE    TEAM-B  4 +call-back  due 6 Nov 10:00, resolved 4 Nov 16:00 (6 h; not a low rating)
//   G        Thu  5 Nov 10:00     2 Nov       EMAIL    TEAM-A  5
//   H        contact 6 Nov, asked, never answered
//   X        Mon  9 Nov 00:30     outside the period (it ends Sunday 8 Nov)  PHONE TEAM-A 1, follow-up resolved
// (*) 23:30 UTC on Sunday 18 October is 00:30 BST on Monday 19 October: a UK week.
const FROM = "2026-10-12";
const TO = "2026-11-08";
const NOW = new Date("2026-11-10T12:00:00Z");
const at = (iso: string) => new Date(`${iso}Z`);

beforeAll(async () => {
  const p = uniquePrefix("rpt");
  const plant = (id: string, o: Omit<Parameters<typeof plantAnsweredFeedback>[0], "contactRef">) => plantAnsweredFeedback({ contactRef: `${p}-${id}`, ...o });
  await plant("Z", { channel: "EMAIL", teamCode: "TEAM-B", answeredAt: at("2026-10-18T22:30"), rating: 3 });
  await plant("A", { channel: "PHONE", teamCode: "TEAM-A", answeredAt: at("2026-10-18T23:30"), rating: 5 });
  await plant("B", {
    channel: "PHONE",
    teamCode: "TEAM-A",
    answeredAt: at("2026-10-20T10:00"),
    rating: 1,
    followUp: { lowRating: true, callBackAsked: false, dueAt: at("2026-10-22T10:00"), closedAt: at("2026-10-21T10:00"), resolution: "RESOLVED" },
  });
  await plant("C", { channel: "WEBCHAT", teamCode: "TEAM-B", answeredAt: at("2026-10-21T09:00"), rating: 4 });
  await plant("D", {
    channel: "WEBCHAT",
    teamCode: "TEAM-B",
    answeredAt: at("2026-11-02T09:00"),
    rating: 2,
    followUp: { lowRating: true, callBackAsked: false, dueAt: at("2026-11-04T09:00"), closedAt: at("2026-11-05T15:00"), resolution: "COULD_NOT_REACH" },
  });
  await plant("E", {
    channel: "PHONE",
    teamCode: "TEAM-A",
    answeredAt: at("2026-11-03T12:00"),
    rating: 1,
    followUp: { lowRating: true, callBackAsked: false, dueAt: at("2026-11-05T12:00") },
  });
  await plant("F", {
    channel: "PHONE",
    teamCode: "TEAM-B",
    answeredAt: at("2026-11-04T10:00"),
    rating: 4,
    callBack: true,
    followUp: { lowRating: false, callBackAsked: true, dueAt: at("2026-11-06T10:00"), closedAt: at("2026-11-04T16:00"), resolution: "RESOLVED" },
  });
  await plant("G", { channel: "EMAIL", teamCode: "TEAM-A", answeredAt: at("2026-11-05T10:00"), rating: 5 });
  await plant("H", { channel: "PHONE", teamCode: "TEAM-A", contactAt: at("2026-11-06T10:00"), answeredAt: null });
  await plant("X", {
    channel: "PHONE",
    teamCode: "TEAM-A",
    contactAt: at("2026-11-09T00:10"),
    answeredAt: at("2026-11-09T00:30"),
    rating: 1,
    followUp: { lowRating: true, callBackAsked: false, dueAt: at("2026-11-11T09:00"), closedAt: at("2026-11-09T09:30"), resolution: "RESOLVED" },
  });
});

interface Expected {
  base: number;
  mean: number;
  /** the 95% interval, null with a base of 1 */
  interval: [number, number] | null;
  low: number;
  lowShare: number;
  /** Wilson's 95% interval of the low share */
  lowInterval: [number, number];
}

// Worked by hand. Mean interval: mean ± 1.96·s/√n, s² = (Σx² − n·mean²)/(n − 1).
// Wilson: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n).
const OVERALL: Expected = {
  // 3+5+1+4+2+1+4+5 = 25 of 8: 3.125; Σx² = 97, s² = (97 − 78.125)/7 = 2.69643, half = 1.96·√(2.69643/8) = 1.13788
  base: 8,
  mean: 3.125,
  interval: [1.98712, 4.26288],
  // B, D, E: 3 of 8 = 0.375, Wilson 0.13684 to 0.69426
  low: 3,
  lowShare: 0.375,
  lowInterval: [0.13684, 0.69426],
};

const BY_WEEK: Record<string, Expected> = {
  // Z alone: 3, no interval of one; 0 low of 1, Wilson 0 to 0.79345
  "2026-10-12": { base: 1, mean: 3, interval: null, low: 0, lowShare: 0, lowInterval: [0, 0.79345] },
  // A, B, C: 10/3 = 3.33333; Σx² = 42, s² = (42 − 33.3333)/2 = 4.33333, half = 1.96·√(4.33333/3) = 2.35558
  "2026-10-19": { base: 3, mean: 3.33333, interval: [0.97775, 5.68892], low: 1, lowShare: 0.33333, lowInterval: [0.06149, 0.79234] },
  // D, E, F, G: 12/4 = 3; Σx² = 46, s² = 10/3, half = 1.96·√(3.33333/4) = 1.78919; 2 low of 4, Wilson 0.15004 to 0.84996
  "2026-11-02": { base: 4, mean: 3, interval: [1.21081, 4.78919], low: 2, lowShare: 0.5, lowInterval: [0.15004, 0.84996] },
};

const BY_CHANNEL: Record<string, Expected> = {
  // Z, G: 8/2 = 4; s² = (34 − 32)/1 = 2, half = 1.96·√(2/2) = 1.95996
  EMAIL: { base: 2, mean: 4, interval: [2.04004, 5.95996], low: 0, lowShare: 0, lowInterval: [0, 0.65762] },
  // A, B, E, F: 11/4 = 2.75; Σx² = 43, s² = (43 − 30.25)/3 = 4.25, half = 1.96·√(4.25/4) = 2.02028
  PHONE: { base: 4, mean: 2.75, interval: [0.72972, 4.77028], low: 2, lowShare: 0.5, lowInterval: [0.15004, 0.84996] },
  // C, D: 6/2 = 3; s² = (20 − 18)/1 = 2, half 1.95996; 1 low of 2, Wilson 0.09453 to 0.90547
  WEBCHAT: { base: 2, mean: 3, interval: [1.04004, 4.95996], low: 1, lowShare: 0.5, lowInterval: [0.09453, 0.90547] },
};

const BY_TEAM: Record<string, Expected> = {
  // A, B, E, G: 12/4 = 3; Σx² = 52, s² = 16/3, half = 1.96·√(5.33333/4) = 2.26317
  "TEAM-A": { base: 4, mean: 3, interval: [0.73683, 5.26317], low: 2, lowShare: 0.5, lowInterval: [0.15004, 0.84996] },
  // Z, C, D, F: 13/4 = 3.25; Σx² = 45, s² = (45 − 42.25)/3 = 0.91667, half = 1.96·√(0.91667/4) = 0.93826; 1 low of 4, Wilson 0.04559 to 0.69936
  "TEAM-B": { base: 4, mean: 3.25, interval: [2.31174, 4.18826], low: 1, lowShare: 0.25, lowInterval: [0.04559, 0.69936] },
};

function expectRow(row: RatingRow | undefined, want: Expected, label: string): void {
  expect(row, label).toBeDefined();
  expect(row!.rating.base, `${label} base`).toBe(want.base);
  expect(row!.rating.mean, `${label} mean`).toBeCloseTo(want.mean, 4);
  if (want.interval) {
    expect(row!.rating.low, `${label} interval's low end`).toBeCloseTo(want.interval[0], 4);
    expect(row!.rating.high, `${label} interval's high end`).toBeCloseTo(want.interval[1], 4);
  } else {
    expect([row!.rating.low, row!.rating.high], `${label} interval`).toEqual([null, null]);
  }
  expect(row!.low.base, `${label} low base`).toBe(want.base);
  expect(row!.low.count, `${label} low`).toBe(want.low);
  expect(row!.low.share, `${label} low share`).toBeCloseTo(want.lowShare, 4);
  expect(row!.low.low, `${label} low share's interval`).toBeCloseTo(want.lowInterval[0], 4);
  expect(row!.low.high, `${label} low share's interval`).toBeCloseTo(want.lowInterval[1], 4);
}

function expectHandNumbers(report: FeedbackReport): void {
  expect(report.lowRatingThreshold).toBe(2);
  expectRow(report.overall, OVERALL, "overall");
  expect(report.byWeek.map((r) => r.group)).toEqual(Object.keys(BY_WEEK));
  for (const [week, want] of Object.entries(BY_WEEK))
    expectRow(
      report.byWeek.find((r) => r.group === week),
      want,
      `week of ${week}`,
    );
  expect(report.byChannel.map((r) => r.group)).toEqual(Object.keys(BY_CHANNEL));
  for (const [channel, want] of Object.entries(BY_CHANNEL))
    expectRow(
      report.byChannel.find((r) => r.group === channel),
      want,
      channel,
    );
  expect(report.byTeam.map((r) => r.group)).toEqual(Object.keys(BY_TEAM));
  for (const [team, want] of Object.entries(BY_TEAM))
    expectRow(
      report.byTeam.find((r) => r.group === team),
      want,
      team,
    );

  // Follow-ups opened in the period: B, D, E, F (X's is after it). Open: E.
  // Overdue (closed after, or still open past, the due time): D and E.
  expect(report.followUps).toMatchObject({ opened: 4, open: 1, overdue: 2, byResolution: { RESOLVED: 2, COULD_NOT_REACH: 1 } });
  // Low ratings followed up within the due time: of B, D, E only B (F was a call-back request): 1 of 3, Wilson 0.06149 to 0.79234
  const inTime = report.followUps.lowRatingsInTime;
  expect([inTime.count, inTime.base]).toEqual([1, 3]);
  expect(inTime.share).toBeCloseTo(1 / 3, 4);
  expect(inTime.low).toBeCloseTo(0.06149, 4);
  expect(inTime.high).toBeCloseTo(0.79234, 4);
  // Hours to resolution of the closed ones: F 6, B 24, D 78 (2 Nov 09:00 to 5 Nov 15:00): the median is 24 (the mean would be 36)
  expect(report.followUps.medianHoursToResolution).toBe(24);

  // Contacts in the period: Z, A-H (9; X's contact is on 9 November), all asked; 8 answered of 9
  expect(report.contacts).toMatchObject({ received: 9, waiting: 0, asked: 9, answered: 8 });
  expect(report.contacts.responseRate.share).toBeCloseTo(8 / 9, 4);
}

describe("what managers see of real-time feedback", () => {
  it("gives ratings by week (UK weeks from Monday), channel and team with bases and intervals, the low ratings followed up in time and the median time to resolution", async () => {
    expectHandNumbers(await feedbackReport({ query: { from: FROM, to: TO }, now: NOW }));
  });

  it("npm run cli -- feedback report --from --to --json prints the same numbers as JSON", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const run = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "feedback", "report", "--from", FROM, "--to", TO, "--json"],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, NOTIFY_API_KEY: "" },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as FeedbackReport;
    expect([printed.from, printed.to]).toEqual([FROM, TO]);
    // the command's clock is the real one: E is overdue whenever it runs after 5 November 2026
    expectHandNumbers(printed);
  }, 180_000);

  it("the command refuses a period that ends before it starts, saying so", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const run = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "feedback", "report", "--from", TO, "--to", FROM, "--json"],
      {
        cwd: root,
        env: process.env,
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: "USAGE", message: "The last day must be on or after the first day" } });
  }, 180_000);
});
