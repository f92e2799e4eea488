import { describe, expect, it } from "vitest";
import { describeAuditAction } from "./describe";

describe("describeAuditAction", () => {
  it("says what happened in words, with the numbers that matter", () => {
    expect(describeAuditAction("user.deactivated", { sessionsEnded: 2 })).toBe("Deactivated the user, ending 2 sessions");
    expect(describeAuditAction("access.denied", { path: "/admin/users", permission: "users:manage" })).toBe("Was refused /admin/users (needs users:manage)");
    expect(describeAuditAction("sign-in.failed", { why: "TOO_MANY_ATTEMPTS" })).toBe("Sign-in refused: too many attempts");
  });

  it("words call and online outcomes with their AAPOR code", () => {
    expect(describeAuditAction("call.outcome", { outcome: "HARD_REFUSAL", disposition: "2.112", mode: "PHONE" })).toBe(
      "Call outcome: Hard refusal (2.112, refusal, known respondent)",
    );
    expect(describeAuditAction("call.outcome", { outcome: "WEB_COMPLETE", disposition: "1.1", mode: "ONLINE" })).toBe(
      "Online outcome: Completed online (1.1, complete)",
    );
  });

  it("turns an action without its own wording into words, never a bare code", () => {
    expect(describeAuditAction("case.released", {})).toBe("Case released");
    expect(describeAuditAction("appointment.reassigned", {})).toBe("Appointment reassigned");
  });
});
