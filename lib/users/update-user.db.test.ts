import { describe, expect, it } from "vitest";
import { describeAuditAction } from "@/lib/audit/describe";
import { db } from "@/lib/db/client";
import { createUser, updateUser } from "./manage";

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

describe("an administrator changes a user's name, email or role (issue 18)", () => {
  it("saves the change and audits what changed, without copying the email address", async () => {
    const { user: admin } = await createUser({ actorId: null, input: { email: `admin-${unique()}@fieldwork.test`, name: "Admin", role: "ADMIN" } });
    const { user } = await createUser({ actorId: null, input: { email: `pat-${unique()}@fieldwork.test`, name: "Pat Example", role: "INTERVIEWER" } });
    const email = `pat.new-${unique()}@fieldwork.test`;
    const result = await updateUser({ actorId: admin.id, input: { userId: user.id, name: "Pat Sample", email, role: "SUPERVISOR" } });
    expect(result.changed).toEqual(["name", "email", "role"]);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: "Pat Sample", email, role: "SUPERVISOR" });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "user.updated", entityId: user.id } });
    expect(event.actorId).toBe(admin.id);
    expect(JSON.stringify(event.details)).not.toContain("pat.new");
    expect(describeAuditAction("user.updated", event.details as Record<string, unknown>)).toBe(
      "Renamed the user from Pat Example to Pat Sample; Changed the role from interviewer to supervisor; Changed the email address",
    );
  });

  it("refuses a taken email address and an administrator's change of their own role, changing nothing", async () => {
    const { user: admin } = await createUser({ actorId: null, input: { email: `admin-${unique()}@fieldwork.test`, name: "Admin", role: "ADMIN" } });
    const { user: other } = await createUser({ actorId: null, input: { email: `other-${unique()}@fieldwork.test`, name: "Other", role: "ANALYST" } });
    await expect(updateUser({ actorId: admin.id, input: { userId: admin.id, name: "Admin", email: admin.email, role: "ANALYST" } })).rejects.toMatchObject({
      code: "SELF_ROLE_CHANGE",
      field: "role",
    });
    await expect(updateUser({ actorId: admin.id, input: { userId: admin.id, name: "Admin", email: other.email, role: "ADMIN" } })).rejects.toMatchObject({
      code: "EMAIL_TAKEN",
      field: "email",
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMIN", email: admin.email });
  });
});
