import type { StaffRole } from "@/lib/auth/roles";

/** The browser tests' own users: one of each role, seeded by e2e/server.ts into a fresh database. */
export const E2E_PASSWORD = "e2e-correct-horse-battery";
export const e2eEmail = (role: StaffRole) => `${role.toLowerCase()}@fieldwork.test`;
