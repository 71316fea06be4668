// Bundles the explorer (gateway/explorer: GraphiQL + React from npm) into gateway/dist/explorer,
// which the gateway serves at /explorer. Part of `npm run build`: no CDN, nothing fetched at run time.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, "..", "explorer");
const out = join(here, "..", "dist", "explorer");
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { explorer: join(source, "main.jsx") },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2020"],
  jsx: "automatic",
  loader: { ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".svg": "dataurl", ".png": "dataurl" },
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none",
  logLevel: "warning",
});
copyFileSync(join(source, "index.html"), join(out, "index.html"));
