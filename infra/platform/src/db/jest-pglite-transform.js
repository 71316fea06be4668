/**
 * Jest transformer for PGlite's CommonJS build (@electric-sql/pglite/dist/*.cjs).
 * That code does `await import("node:module")`, `import("fs/promises")`, … (Node builtins only),
 * and jest refuses dynamic import() unless node runs with --experimental-vm-modules.
 * Requiring a builtin gives the same object, so rewrite `import("x")` to a require through an
 * alias taken at module top level (the emscripten part declares its own local `var require`).
 * Use in a jest config:
 *   transform: { '/@electric-sql/pglite/dist/.+\\.cjs$': '<path>/jest-pglite-transform.js', ... },
 *   transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
 */
const { createHash } = require('node:crypto');

module.exports = {
  process(source) {
    const code = source.replace(/\bimport\(("(?:node:)?[a-z/_]+")\)/g, 'Promise.resolve(__pgliteRequire($1))');
    // Keep a leading "use strict" directive first, or the file would run in sloppy mode.
    const strict = /^\s*(["'])use strict\1;?/.exec(code);
    const head = strict ? strict[0] : '';
    return { code: `${head}const __pgliteRequire = require;${code.slice(head.length)}` };
  },
  getCacheKey(source) {
    return createHash('sha256').update('pglite-import-rewrite-v3').update(source).digest('hex');
  },
};
