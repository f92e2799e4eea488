import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", ".next-e2e-*/**", ".next-bench*/**", "lib/generated/**", "public/**", "test-results/**", "playwright-report/**", ".data/**", "bench/out/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Prisma calls belong in lib/, never in components or routes (house style).
      "no-restricted-imports": ["error", { paths: [{ name: "@prisma/client", message: "Use lib/db/client (generated client) inside lib/ only." }] }],
    },
  },
  {
    // Issue 19: the time comes from lib/clock.ts, passed down as `now`, so tests that fix it fix it everywhere.
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts"],
    ignores: ["**/*.test.ts", "**/test-*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Take `now` from the caller, or currentTime() from lib/clock.ts." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Take `now` from the caller, or currentMillis() from lib/clock.ts." },
      ],
    },
  },
];

export default config;
