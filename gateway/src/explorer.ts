import express, { Router } from "express";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * A bundled GraphiQL at /explorer, for developers on locked-down council networks where Apollo
 * Sandbox (loaded from Apollo's CDN) shows a blank page. It is static files only — GraphiQL and
 * React from npm, bundled by esbuild in `npm run build` (gateway/scripts/build-explorer.mjs) —
 * and holds no schema and no data: the documentation, like every query, comes from /graphql with
 * the token the developer pastes into its headers editor (never stored: GraphiQL is told not to
 * persist headers). Without a token the page loads and shows nothing but the 401.
 */
export const EXPLORER_DIR = join(__dirname, "..", "dist", "explorer");

// Everything from this origin; GraphiQL's editors set inline styles; no framing (clickjacking).
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function explorer(): Router | null {
  if (!existsSync(join(EXPLORER_DIR, "index.html"))) return null;
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    next();
  });
  router.use(express.static(EXPLORER_DIR, { index: "index.html", redirect: true, fallthrough: true }));
  return router;
}
