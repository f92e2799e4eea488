import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", ".next-e2e-*/**", "lib/generated/**", "public/**", "test-results/**", "playwright-report/**", ".data/**", "bench/out/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Prisma calls belong in lib/, never in components or routes (house style).
      "no-restricted-imports": ["error", { paths: [{ name: "@prisma/client", message: "Use lib/db/client (generated client) inside lib/ only." }] }],
    },
  },
];

export default config;
