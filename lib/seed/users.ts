import "server-only";
import { db } from "@/lib/db/client";
import { ROLES, ROLE_LABEL, type StaffRole } from "@/lib/auth/roles";
import { temporaryPassword } from "@/lib/auth/password";
import { createUser } from "@/lib/users/manage";

export interface SeededUser {
  email: string;
  role: StaffRole;
  password: string;
}

/** The demo (and test) user of a role: `interviewer@fieldwork.test` and so on. */
export function demoEmail(role: StaffRole, prefix = ""): string {
  return `${prefix}${role.toLowerCase()}@fieldwork.test`;
}

/**
 * One user of each role with known passwords (no forced change, so the demo
 * and the browser tests can sign straight in). Used by the first start of the
 * embedded default, `npm run db:seed` and the tests.
 */
export async function seedUsers({ prefix = "", passwords }: { prefix?: string; passwords?: Partial<Record<StaffRole, string>> } = {}): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  for (const role of ROLES) {
    const email = demoEmail(role, prefix);
    if (await db().user.findUnique({ where: { email } })) continue;
    const password = passwords?.[role] ?? temporaryPassword();
    await createUser({
      actorId: null,
      input: { email, role, name: `Demo ${ROLE_LABEL[role].toLowerCase()}${prefix ? ` ${prefix.replace(/\W+$/, "")}` : ""}` },
      password,
    });
    seeded.push({ email, role, password });
  }
  return seeded;
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}
