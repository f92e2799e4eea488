// Copies GOV.UK Frontend's stylesheet, fonts and images into public/ (run on
// install and before builds). The stylesheet is served as a file rather than
// bundled: it carries old-browser hacks that Next's CSS parser rejects.
import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const dist = path.join(path.dirname(require.resolve("govuk-frontend/package.json")), "dist", "govuk");
const pub = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "public");
mkdirSync(path.join(pub, "govuk"), { recursive: true });
cpSync(path.join(dist, "assets"), path.join(pub, "assets"), { recursive: true });
cpSync(path.join(dist, "govuk-frontend.min.css"), path.join(pub, "govuk", "govuk-frontend.min.css"));
