/**
 * What the online-answers and load benchmarks share: a production build started
 * with `next start`, a browser-less client that keeps its own cookies and posts
 * plain HTML forms (as a browser with JavaScript switched off would), and the
 * simulated online respondent (open the link, start, answer every question).
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

export { root, startNext } from "../lib/next-app";

export const pct = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");
export const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));
/** A think time drawn uniformly from [min, max] seconds. */
export const thinkBetween = (min: number, max: number) => () => (min + Math.random() * (max - min)) * 1000;

const unescape = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * The fields a person would send with the page's first post form (or the form
 * whose submit button is labelled `button`): its hidden inputs (Next's action
 * ids included), the first choice, "Fine" in a text box, and the button pressed.
 */
export function formOf(
  html: string,
  { button, choose, text: typed = "Fine" }: { button?: string; choose?: (values: string[]) => string; text?: string | null } = {},
): { fields: FormData; action: string | null } {
  const forms = [...html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/gi)].filter((f) => /method="post"/i.test(f[1]!) || /<input[^>]*name="\$ACTION/.test(f[2]!));
  const picked = (button ? forms.find((f) => f[2]!.includes(`>${button}<`) || new RegExp(`>\\s*${button}\\s*<`).test(f[2]!)) : forms[0]) ?? forms[0];
  const form = picked?.[2] ?? "";
  const action = picked?.[1]!.match(/action="([^"]*)"/)?.[1] ?? null;
  const fields = new FormData();
  for (const m of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const n = m[0].match(/name="([^"]*)"/)?.[1];
    if (n) fields.append(unescape(n), unescape(m[0].match(/value="([^"]*)"/)?.[1] ?? ""));
  }
  const choices = [...form.matchAll(/<input[^>]*type="(?:radio|checkbox)"[^>]*>/g)].map((m) => m[0]);
  if (choices.length > 0) {
    const name = unescape(choices[0]!.match(/name="([^"]*)"/)![1]!);
    const values = choices.filter((c) => c.includes(`name="${name}"`)).map((c) => unescape(c.match(/value="([^"]*)"/)![1]!));
    fields.append(name, choose ? choose(values) : values[0]!);
  }
  const select = form.match(/<select[^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/);
  if (select) {
    const options = [...select[2]!.matchAll(/<option[^>]*value="([^"]*)"/g)].map((o) => unescape(o[1]!)).filter(Boolean);
    if (options[0]) fields.append(unescape(select[1]!), options[0]);
  }
  const text = form.match(/<(?:textarea|input[^>]*type="text")[^>]*name="([^"]*)"/)?.[1];
  if (text && typed !== null) fields.append(unescape(text), typed);
  const pressed = button
    ? form.match(new RegExp(`<button[^>]*name="([^"]*)"[^>]*value="([^"]*)"[^>]*>\\s*${button}`))
    : form.match(/<button[^>]*name="([^"]*)"[^>]*value="([^"]*)"/);
  if (pressed) fields.append(unescape(pressed[1]!), unescape(pressed[2]!));
  return { fields, action: action ? unescape(action) : null };
}

/** Requests sent again after a reset of a reused connection (reported by the benchmarks). */
export const resent = { count: 0 };

/** A browser without JavaScript: its own cookie jar, its own address (X-Forwarded-For, as the proxy in front would set). */
export function browser(base: string, ip: string) {
  const jar = new Map<string, string>();
  return async (url: string, init: RequestInit = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const send = () =>
      fetch(`${base}${url}`, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie, "x-forwarded-for": ip, origin: base } });
    // A kept-alive connection the server closed while this user was thinking (Node
    // closes idle ones after 5 s) resets on reuse; a browser then sends the request
    // again on a new connection, and so does this (an answer posted twice is stored once).
    const r = await send().catch((error: unknown) => {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code !== "ECONNRESET" && code !== "UND_ERR_SOCKET" && code !== "EPIPE") throw error;
      resent.count++;
      return send();
    });
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      const [k, v] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (v === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) jar.delete(k);
      else jar.set(k, v);
    }
    return r;
  };
}

export interface Timings {
  posts: number[];
  /** when each answer post was sent (performance.now()), in the order of `posts` */
  postsSentAt: number[];
  gets: number[];
  /** when each page GET was sent, in the order of `gets` */
  getsSentAt: number[];
  errors: string[];
  /** answer posts that got their 303 */
  answered: number;
}
export const newTimings = (): Timings => ({ posts: [], postsSentAt: [], gets: [], getsSentAt: [], errors: [], answered: 0 });

/**
 * One online respondent: opens its link, starts, then for each question reads
 * the page, thinks (`think()` ms), and posts the first answer, until the
 * thank-you page. Latency is measured per answer post and per page GET.
 */
export async function respondent(options: { base: string; link: string; i: number; think: () => number; t: Timings; stopAt?: number }) {
  // A refused connection or a reset is an error of the run, not the end of it.
  await answerAll(options).catch(
    (error: unknown) =>
      void options.t.errors.push(`respondent ${options.i}: ${error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error)}`),
  );
}

async function answerAll({ base, link, i, think, t, stopAt }: { base: string; link: string; i: number; think: () => number; t: Timings; stopAt?: number }) {
  const req = browser(base, `10.${(i >> 8) & 255}.${i & 255}.7`);
  const opened = await req(link);
  if (![302, 303, 307].includes(opened.status)) return void t.errors.push(`respondent ${i}: open ${opened.status}`);
  let page = await (await req("/survey")).text();
  let location = "/survey";
  for (let step = 0; step < 40; step++) {
    if (stopAt !== undefined && performance.now() > stopAt) return;
    const { fields, action } = formOf(page);
    const isAnswer = fields.has("screenId");
    if (isAnswer) await sleep(think());
    if (stopAt !== undefined && performance.now() > stopAt) return;
    const t0 = performance.now();
    const posted = await req(action && action.startsWith("/") ? action : location, { method: "POST", body: fields });
    await posted.arrayBuffer();
    if (isAnswer) {
      t.posts.push(performance.now() - t0);
      t.postsSentAt.push(t0);
    }
    if (posted.status !== 303) {
      if (process.env.BENCH_DEBUG && t.errors.length === 0) writeFileSync(process.env.BENCH_DEBUG, `${page}\n\n${JSON.stringify([...fields.entries()])}`);
      return void t.errors.push(`respondent ${i}: post ${posted.status} at ${location}`);
    }
    if (isAnswer) t.answered++;
    location = posted.headers.get("location")!.replace(base, "");
    if (location.startsWith("/survey/thank-you")) return;
    if (location.includes("error=") || location.startsWith("/survey/unavailable")) return void t.errors.push(`respondent ${i}: ${location}`);
    const g0 = performance.now();
    const got = await req(location);
    page = await got.text();
    t.gets.push(performance.now() - g0);
    t.getsSentAt.push(g0);
    if (got.status !== 200) return void t.errors.push(`respondent ${i}: get ${got.status} ${location}`);
  }
  t.errors.push(`respondent ${i}: not finished`);
}
