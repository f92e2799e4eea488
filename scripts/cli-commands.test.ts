import { describe, expect, it } from "vitest";
import { COMMAND_MODULES, loadCommand } from "./cli-commands";

describe("the command line's command table", () => {
  it("names exactly the commands each module serves", async () => {
    for (const m of COMMAND_MODULES) expect(Object.keys(await m.load()).sort()).toEqual([...m.names].sort());
  }, 60_000);

  it("finds a command by name and refuses a name nobody serves", async () => {
    expect(typeof (await loadCommand("results"))).toBe("function");
    await expect(loadCommand("results everything")).rejects.toThrow('No module serves the command "results everything"');
  }, 60_000);
});
