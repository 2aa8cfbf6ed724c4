/**
 * The site's Content-Security-Policy, delivered as the first `<meta>` after the charset in
 * every page (src/layouts/Base.astro), so it governs every script and style that follows.
 *
 * Why not Astro's `security.csp`: Astro 7 appends its `<meta>` at the end of `<head>`, after
 * the scripts a page puts there, and a policy only governs what comes after it. The site has
 * no inline script or style (build.inlineStylesheets 'never', scripts are files), so no
 * hashes are needed; the output gate (tests/gates) fails if an inline script appears.
 *
 * - no 'unsafe-inline' or 'unsafe-eval' for scripts: only files from this origin run;
 * - 'wasm-unsafe-eval': Pagefind compiles its WebAssembly search engine;
 * - default-src 'self': Pagefind fetches its index and starts its worker from this origin;
 * - frame-ancestors, report-uri and sandbox are ignored in a <meta>, so they are not set.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
