import { describe, expect, it } from "vitest";
import { frameFileNameSchema } from "./schemas";

describe("the uploaded frame file's name (X-File-Name, %-encoded)", () => {
  it("is decoded and trimmed", () => {
    expect(frameFileNameSchema.parse("%20clients%20march.csv%20")).toBe("clients march.csv");
    expect(frameFileNameSchema.parse("Cl%C3%A9ments.csv")).toBe("Cléments.csv");
  });

  it("is refused when it is blank once decoded, has a control character or a broken escape", () => {
    const issue = (raw: string) => frameFileNameSchema.safeParse(raw).error?.issues[0];
    expect(issue("%20%20")?.message).toBe("The file name is blank: name the file and upload it again");
    expect(issue("a%00b.csv")?.message).toBe("The file name is not readable: rename the file and upload it again");
    expect(issue("%E0%A4%A")?.code).toBe("custom");
  });
});
