import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Issue 19: the time comes from lib/clock.ts, passed down as `now`, so tests that fix it fix it everywhere.
const clockRules = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Take `now` from the caller, or currentTime() from lib/clock.ts." },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "Take `now` from the caller, or currentMillis() from lib/clock.ts.",
  },
];
// The environment is read and checked in one place, lib/env.ts.
const envRule = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read settings through lib/env.ts (add them to its zod schema).",
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-e2e-*/**",
      ".next-bench*/**",
      "lib/generated/**",
      ".build/**",
      "public/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "bench/out/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    // Prisma calls belong in lib/, never in components or routes (house style): name what
    // would actually be imported (the generated client, @prisma/*, lib/db's client).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/generated/*", "**/lib/generated/*", "@prisma/*"], message: "Prisma belongs in lib/: call a lib/<domain> function instead." },
            { group: ["@/lib/db/client", "**/lib/db/client"], message: "The database client belongs in lib/: call a lib/<domain> function instead." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts"],
    ignores: ["**/*.test.ts", "**/test-*.ts"],
    rules: { "no-restricted-syntax": ["error", ...clockRules, envRule] },
  },
  {
    files: ["lib/env.ts"],
    rules: { "no-restricted-syntax": ["error", ...clockRules] },
  },
];

export default config;
