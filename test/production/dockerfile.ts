// The Dockerfile's steps, read from the file itself, so the production test runs
// what the image runs (there is no Docker engine on these machines). Covers the
// instructions this project's Dockerfile uses: FROM, WORKDIR, COPY, ENV, RUN,
// USER, EXPOSE, CMD.
import { readFileSync } from "node:fs";

export type Instruction =
  | { kind: "COPY"; sources: string[]; from?: string; chown?: string }
  | { kind: "RUN"; command: string }
  | { kind: "ENV"; values: Record<string, string> }
  | { kind: "USER"; user: string }
  | { kind: "CMD"; argv: string[] }
  | { kind: "OTHER"; text: string };

export interface Stage {
  name: string | null;
  steps: Instruction[];
}

function parseEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const m of text.matchAll(/(\w+)=("[^"]*"|\S+)/g)) values[m[1]] = m[2].replace(/^"|"$/g, "");
  return values;
}

function parseInstruction(line: string): Instruction {
  const [, keyword, rest] = line.match(/^(\w+)\s+(.*)$/s) ?? [];
  switch (keyword?.toUpperCase()) {
    case "COPY": {
      const words = rest.split(/\s+/);
      const flags = words.filter((w) => w.startsWith("--"));
      const paths = words.filter((w) => !w.startsWith("--"));
      const flag = (name: string) => flags.find((f) => f.startsWith(`--${name}=`))?.split("=")[1];
      return { kind: "COPY", sources: paths.slice(0, -1), from: flag("from"), chown: flag("chown") };
    }
    case "RUN":
      return { kind: "RUN", command: rest };
    case "ENV":
      return { kind: "ENV", values: parseEnv(rest) };
    case "USER":
      return { kind: "USER", user: rest.trim() };
    case "CMD":
      return { kind: "CMD", argv: JSON.parse(rest) as string[] };
    default:
      return { kind: "OTHER", text: line };
  }
}

export function readDockerfile(file: string): Stage[] {
  const lines = readFileSync(file, "utf8")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const from = line.match(/^FROM\s+\S+(?:\s+AS\s+(\S+))?/i);
    if (from) stages.push({ name: from[1] ?? null, steps: [] });
    else stages.at(-1)?.steps.push(parseInstruction(line));
  }
  return stages;
}
