// A small static server for the built app: loopback only, single-page fallback to
// index.html, the full Content-Security-Policy as a header, no caching of the shell
// (the service worker does the caching), and brotli or gzip for text and wasm when the
// browser accepts it (compressed once per file and kept). Usage: node serve.mjs <dir> [port]
import { createServer } from "node:http";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg"]);
const compressed = new Map();

/** Whether an Accept-Encoding header allows `name` (listed, and not with q=0). */
export function accepts(header, name) {
  return header.split(",").some((part) => {
    const [token, ...params] = part.trim().split(";").map((x) => x.trim());
    if (token.toLowerCase() !== name) return false;
    const q = params.find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}

/** The body in the best encoding the request accepts: [encoding or null, bytes]. */
function encode(file, mtime, body, accept) {
  // Small files are not worth it; very large ones (data files) would take seconds.
  if (!COMPRESSIBLE.has(extname(file)) || body.length < 1024 || body.length > 8_000_000) return [null, body];
  const encoding = ["br", "gzip"].find((name) => accepts(accept, name)) || null;
  if (!encoding) return [null, body];
  const key = `${encoding}:${file}:${mtime}`;
  if (!compressed.has(key)) {
    const bytes =
      encoding === "br"
        ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body, { level: 9 });
    compressed.set(key, bytes);
  }
  return [encoding, compressed.get(key)];
}

/** Starts serving `dir` on 127.0.0.1:`port` (0 picks a free port); resolves to { url, close }. */
export function startServer(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info && info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        // Unknown paths are app routes: serve the shell; missing files with an extension are 404.
        if (extname(path)) {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        file = join(root, "index.html");
      }
      const raw = await readFile(file);
      const mtime = (await stat(file)).mtimeMs;
      const [encoding, body] = encode(file, mtime, raw, String(req.headers["accept-encoding"] || ""));
      const headers = {
        "content-type": TYPES[extname(file)] || "application/octet-stream",
        "cache-control": extname(file) === ".html" || file.endsWith("sw.js") ? "no-cache" : "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
      };
      if (extname(file) === ".html") {
        headers["content-security-policy"] = CSP;
      }
      if (COMPRESSIBLE.has(extname(file))) headers["vary"] = "accept-encoding";
      if (encoding) headers["content-encoding"] = encoding;
      headers["content-length"] = String(body.length);
      res.writeHead(200, headers).end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
    }
  });
  return new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${server.address().port}`;
      done({ url, close: () => new Promise((r) => server.close(r)), server });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || "dist";
  const port = Number(process.argv[3] || 8080);
  const { url } = await startServer(dir, port);
  console.log(`Rapport is served at ${url}/ (Ctrl+C stops it)`);
}
