import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, type Env } from "@/lib/env";
import { secureCookies } from "./csrf";
import { findUserForOidc, verifyCredentials } from "./sign-in";
import { checkStaffSession, openStaffSession, revokeStaffSession } from "./staff-session";
import { clientAddress } from "@/lib/http/client-address";
import { currentTime } from "@/lib/clock";
import { log } from "@/lib/log";
import { signInSchema } from "./schemas";
import type { StaffRole } from "./roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: StaffRole };
    mustChangePassword: boolean;
    /** the StaffSession row (not a secret: the signed, encrypted JWT is) */
    sessionId: string;
  }
  interface User {
    role?: StaffRole;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: StaffRole;
    sid?: string;
    mcp?: boolean;
  }
}

/** Thrown from the jwt callback when the session's row says it has ended: next-auth then clears the cookie and vouches for nothing. */
class SessionEnded extends Error {
  override name = "SessionEnded";
}

export function signInPolicy(e: Env) {
  return { maxFailures: e.SIGN_IN_MAX_FAILURES, lockoutMinutes: e.SIGN_IN_LOCKOUT_MINUTES, failureDelayMs: e.SIGN_IN_FAILURE_DELAY_MS };
}

export function sessionLimits(e: Env) {
  return { maxAgeHours: e.SESSION_MAX_AGE_HOURS, idleMinutes: e.SESSION_IDLE_MINUTES };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email address", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const headers = new Headers(Object.entries(req.headers ?? {}).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])));
        const outcome = await verifyCredentials({ input: parsed.data, ip: clientAddress(headers), policy: signInPolicy(e) });
        return outcome.ok ? outcome.user : null;
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
      profile: (profile: { sub: string; email?: string; name?: string }) => ({
        id: profile.sub,
        email: profile.email ?? "",
        name: profile.name ?? profile.email ?? "",
      }),
    });
  }
  cached = {
    secret: e.NEXTAUTH_SECRET,
    providers,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // The cookie and the JWT inside it last no longer than the absolute limit;
    // the StaffSession row enforces both limits on the server.
    session: { strategy: "jwt", maxAge: Math.round(e.SESSION_MAX_AGE_HOURS * 3600) },
    jwt: { maxAge: Math.round(e.SESSION_MAX_AGE_HOURS * 3600) },
    useSecureCookies: secureCookies(e),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // OIDC: only people an administrator has added (with a role) may sign in.
        const known = user.email ? await findUserForOidc(user.email) : null;
        if (!known) return "/sign-in?error=NotRegistered";
        user.id = known.id;
        user.role = known.role;
        return true;
      },
      // Every use of the cookie (a page, an action, /api/auth/session) checks its
      // StaffSession row; an ended one throws, and next-auth clears the cookie.
      async jwt({ token, user }) {
        const now = currentTime();
        if (user) {
          token.uid = user.id;
          token.sid = await openStaffSession({ userId: user.id, limits: sessionLimits(e), now });
        }
        const live = token.sid ? await checkStaffSession({ sessionId: token.sid, limits: sessionLimits(e), now }) : null;
        if (!live) throw new SessionEnded("The session has ended");
        token.role = live.role;
        token.name = live.name;
        token.email = live.email;
        token.mcp = live.mustChangePassword;
        return token;
      },
      async session({ session, token }) {
        if (token.uid && token.role && token.sid) {
          session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
          session.mustChangePassword = token.mcp ?? false;
          session.sessionId = token.sid;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeStaffSession({ sessionId: token.sid, reason: "SIGNED_OUT", now: currentTime() });
      },
    },
    logger: {
      // An ended session is routine, not an error; other next-auth errors are logged as errors.
      error(code, metadata) {
        const ended = metadata instanceof Error ? metadata.name === "SessionEnded" : (metadata as { error?: Error })?.error?.name === "SessionEnded";
        if (ended) log.info({ event: "session.ended" }, "a request came with an ended session");
        else log.error({ event: "next-auth.error", code }, "next-auth reported an error");
      },
      warn(code) {
        log.warn({ event: "next-auth.warning", code }, "next-auth warning");
      },
      debug() {},
    },
  };
  return cached;
}
