import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { secureCookies } from "./csrf";
import { findUserForOidc, verifyCredentials } from "./sign-in";
import { signInSchema } from "./schemas";
import type { Role } from "./roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    sessionVersion: number;
  }
  interface User {
    role?: Role;
    sessionVersion?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sv?: number;
  }
}

/** Thrown from authorize() so the sign-in page can say the account is locked. */
export const LOCKED_ERROR = "AccountLocked";

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const outcome = await verifyCredentials(parsed.data, {
          maxFailures: e.SIGN_IN_MAX_FAILURES,
          lockoutMinutes: e.SIGN_IN_LOCKOUT_MINUTES,
          failureDelayMs: e.SIGN_IN_FAILURE_DELAY_MS,
        });
        if (outcome.ok) return outcome.user;
        if (outcome.reason === "LOCKED") throw new Error(LOCKED_ERROR);
        return null;
      },
    }),
  ];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (profile: { sub: string; email?: string; name?: string }) => ({ id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.email ?? "" }),
    });
  }
  cached = {
    secret: e.NEXTAUTH_SECRET,
    providers,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    session: { strategy: "jwt", maxAge: Math.round(e.SESSION_MAX_AGE_HOURS * 3600) },
    useSecureCookies: secureCookies(e),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // OIDC: only people an administrator has added (with a role) may sign in.
        const known = user.email ? await findUserForOidc(user.email) : null;
        if (!known) return "/sign-in?error=NotRegistered";
        user.id = known.id;
        user.role = known.role;
        user.sessionVersion = known.sessionVersion;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = user.role;
          token.sv = user.sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        if (token.uid && token.role) {
          session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
          session.sessionVersion = token.sv ?? 0;
        }
        return session;
      },
    },
  };
  return cached;
}
