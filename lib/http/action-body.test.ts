import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isReadableActionBody, isReadableActionForm, MAX_REPLY_DEPTH } from "./action-body";

// proxy.ts refuses (400) what lib/http/action-body.ts finds unreadable, so that
// Next.js never throws unpacking a server action's arguments (a 500). These tests
// hold that rule to React's own decoder and encoder, as Next.js runs them
// (test/react-reply.mjs): whatever the rule lets through, React unpacks; whatever
// React's client sends, the rule lets through.

type Field = [string, string | { blob: string }];
type Reply = { fields: Field[]; prefix?: string };

const harness = fileURLToPath(new URL("../../test/react-reply.mjs", import.meta.url));

/** React's verdict on each reply: "ok", or the message it threw. */
function reactDecodes(replies: Reply[]): string[] {
  const run = spawnSync(process.execPath, ["--conditions=react-server", harness], {
    input: JSON.stringify({ decode: replies }),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`the React harness failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
}

const encodeReply = (
  createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node") as {
    encodeReply: (value: unknown) => Promise<string | FormData>;
  }
).encodeReply;

function fieldsOf(encoded: string | FormData): Field[] {
  if (typeof encoded === "string") return [["0", encoded]];
  return [...encoded.entries()].map(([name, value]) => [name, typeof value === "string" ? value : { blob: "file" }]);
}

const readable = (reply: Reply) =>
  reply.prefix ? isReadableActionForm(reply.fields.map(([n, v]) => [n, typeof v === "string" ? v : new Blob([v.blob])])) : isReadableReplyFields(reply.fields);

function isReadableReplyFields(fields: Field[]): boolean {
  if (fields.length === 1 && fields[0][0] === "0" && typeof fields[0][1] === "string") return isReadableActionBody("text/plain;charset=UTF-8", fields[0][1]);
  return isReadableActionForm(
    fields.map(([n, v]) => [n, typeof v === "string" ? v : new Blob([v.blob])]),
    true,
  );
}

describe("a server action's arguments as a script sends them", () => {
  it("are readable whatever React's own client encodes", async () => {
    const shared = { a: 1, list: ["x", "y"] };
    const form = new FormData();
    form.append("caseId", "$1");
    form.append("file", new Blob(["client_ref\n1\n"]), "frame.csv");
    const calls: unknown[][] = [
      [],
      [{ survey: "CMS", month: "2026-11" }],
      ["$", "$1", "$@1", "$$", "$Q1", "text with $ inside"],
      [new Date(0), undefined, null, Number.NaN, -0, Infinity, -Infinity, 12n, -5n, true, 3.5],
      [shared, shared, [shared, shared.list]],
      [
        {
          nested: {
            deeper: [
              [1, 2],
              [3, { four: "$4" }],
            ],
          },
        },
      ],
      [null, form],
      [{ previous: { errors: { answer: ["Choose one"] } } }, form],
      ["x".repeat(100_000)],
    ];
    const replies: Reply[] = [];
    for (const call of calls) replies.push({ fields: fieldsOf(await encodeReply(call)) });
    for (const reply of replies) expect(readable(reply), JSON.stringify(reply.fields).slice(0, 200)).toBe(true);
    expect(reactDecodes(replies)).toEqual(replies.map(() => "ok"));
  });

  it("are refused where React would throw: a reference to a part that is not there, a BigInt that is not digits, kinds no action takes", () => {
    const bad = [
      '["$"]',
      '["$1"]',
      '["$@1"]',
      '["$Q1"]',
      '["$W1"]',
      '["$h1"]',
      '["$i1"]',
      '["$nabc"]',
      '["$n-"]',
      `["$n${"9".repeat(301)}"]`,
      '["$Bx"]',
      '["$A1"]',
      '["$0:missing"]',
      '[{"a":"$0:0:a:b"}]',
      `${"[".repeat(MAX_REPLY_DEPTH + 5)}${"]".repeat(MAX_REPLY_DEPTH + 5)}`,
      `[${Array.from({ length: 2 }, () => `[${"0,".repeat(600_000)}0]`).join(",")}]`,
    ];
    const verdicts = reactDecodes(bad.map((body) => ({ fields: [["0", body]] })));
    bad.forEach((body, i) => {
      expect(isReadableActionBody("text/plain;charset=UTF-8", body), body.slice(0, 60)).toBe(false);
      // each refusal is needed: React itself fails on it (all but $@1, a promise that rejects, and the deep one, which fits its stack)
      if (!['["$@1"]'].includes(body) && !body.startsWith("[[[")) expect(verdicts[i], body.slice(0, 60)).not.toBe("ok");
    });
    // the content type decides as Next.js decides: only exactly urlencoded is not a reply, only multipart/form-data… a form
    expect(isReadableActionBody("application/x-www-form-urlencoded", '["$"]')).toBe(true);
    for (const type of ["application/x-www-form-urlencoded; charset=UTF-8", " multipart/form-data", "Multipart/Form-Data", "text/plain", ""])
      expect(isReadableActionBody(type, '["$"]'), type).toBe(false);
    // a multipart call must carry part 0, the list of arguments
    expect(isReadableActionForm([["1", "[]"]], true)).toBe(false);
    expect(
      isReadableActionForm(
        [
          ["0", '["$K1"]'],
          ["1_x", "y"],
        ],
        true,
      ),
    ).toBe(true);
  });

  it("are readable only where React can unpack them (generated replies)", () => {
    const reference = fc.oneof(
      fc.constantFrom(
        "$",
        "$$",
        "$$x",
        "$I",
        "$-0",
        "$-Infinity",
        "$N",
        "$u",
        "$H",
        "$D2026-01-01",
        "$Dx",
        "$K1",
        "$n",
        "$n12",
        "$n-3",
        "$nx",
        "$T",
        "$Q1",
        "$W0",
        "$h1",
        "$i1",
        "$R1",
        "$B1",
        "$A1",
        "$",
      ),
      fc
        .tuple(fc.constantFrom("$", "$@"), fc.integer({ min: 0, max: 3 }), fc.array(fc.constantFrom("0", "1", "a", "b", "x"), { maxLength: 3 }))
        .map(([kind, id, path]) => `${kind}${id.toString(16)}${path.map((p) => `:${p}`).join("")}`),
    );
    const value = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.oneof(reference, fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.boolean()),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("a", "b", "0", "1"), tie("value"), { maxKeys: 3 }),
      ),
    })).value;
    const part = fc.oneof({ weight: 6, arbitrary: value.map((v) => JSON.stringify(v)) }, { weight: 1, arbitrary: fc.constantFrom("", "{", "[1,") });
    const reply = fc.tuple(fc.array(value, { maxLength: 3 }), fc.array(part, { maxLength: 3 }), fc.boolean()).map(([args, rest, blob]): Reply => ({
      fields: [["0", JSON.stringify(args)] as Field, ...rest.map((text, i): Field => [String(i + 1), text]), ...(blob ? [["2", { blob: "b" }] as Field] : [])],
    }));
    const samples = fc.sample(reply, { numRuns: 600, seed: 20261206 });
    const verdicts = reactDecodes(samples);
    let accepted = 0;
    let refused = 0;
    samples.forEach((sample, i) => {
      const ours = readable(sample);
      if (ours) {
        accepted++;
        expect(verdicts[i], JSON.stringify(sample.fields)).toBe("ok");
      } else refused++;
    });
    // both sides of the rule are exercised
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});

describe("a form posted without JavaScript", () => {
  const form = (bound: string, descriptor = '{"id":"60ab","bound":"$@1"}'): Reply => ({
    prefix: "$ACTION_1:",
    fields: [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", descriptor],
      ["$ACTION_1:1", bound],
      ["$ACTION_KEY", "k1"],
      ["caseId", "$1"],
    ],
  });

  it("is readable when React's hidden action fields are, and React agrees", () => {
    const good = [form("[null]"), form('[{"errors":{}}]'), form("[]", '{"id":"60ab","bound":null}'), form('["$$x"]')];
    const bad = [
      form("xxxx"),
      form("null"),
      form('["$"]'),
      form('["$2"]'),
      form(`[${"0,".repeat(1000)}0]`),
      form("[]", "null"),
      form("[]", ""),
      form("[]", '{"id":"60ab","bound":"$@2"}'),
    ];
    for (const reply of good) expect(readable(reply), reply.fields[2][1] as string).toBe(true);
    for (const reply of bad) expect(readable(reply), (reply.fields[2][1] as string).slice(0, 40)).toBe(false);
    const verdicts = reactDecodes([...good, ...bad]);
    expect(verdicts.slice(0, good.length)).toEqual(good.map(() => "ok"));
    verdicts.slice(good.length).forEach((verdict, i) => expect(verdict, (bad[i].fields[2][1] as string).slice(0, 40)).not.toBe("ok"));
  });

  it("must carry the descriptor part its $ACTION_REF names, as text", () => {
    expect(isReadableActionForm([["$ACTION_REF_1", ""]])).toBe(false);
    expect(isReadableActionForm([["$ACTION_1:1", "xxxx"]])).toBe(false);
    expect(isReadableActionForm([["$ACTION_1:0", '{"id":"60ab","bound":null}']])).toBe(true);
    expect(isReadableActionForm([["$ACTION_1:1", new Blob(["[]"])]])).toBe(false);
    expect(isReadableActionForm([["caseId", "anything"]])).toBe(true);
  });
});
