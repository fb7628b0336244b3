#!/usr/bin/env python3
"""Trunk post-build step for Rapport's PWA (runs in Trunk's staging directory).

1. Moves Trunk's inline module loader into boot-<hash>.js: the Content-Security-Policy
   allows no inline script.
2. Writes the build id and the list of shell files into sw.js, so that every build
   has its own cache and the browser sees a changed service worker.
3. Prints the bundle size (wasm + js, raw and gzip -9).
"""
import gzip
import hashlib
import json
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")

inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
match = inline.search(html)
if match:
    code = match.group(1).strip() + "\n"
    name = "boot-" + hashlib.sha256(code.encode()).hexdigest()[:16] + ".js"
    (staging / name).write_text(code, encoding="utf-8")
    html = html[: match.start()] + f'<script type="module" src="/{name}"></script>' + html[match.end():]
    index.write_text(html, encoding="utf-8")
if inline.search(html):
    sys.exit("pwa_build: an inline script is left in index.html")

files = sorted(p for p in staging.rglob("*") if p.is_file() and p.name != "sw.js")
digest = hashlib.sha256()
for p in files:
    digest.update(p.relative_to(staging).as_posix().encode())
    digest.update(p.read_bytes())
build_id = digest.hexdigest()[:16]
shell = ["/" + p.relative_to(staging).as_posix() for p in files]

sw = staging / "sw.js"
text = sw.read_text(encoding="utf-8")
if "__BUILD_ID__" not in text or "__SHELL__" not in text:
    sys.exit("pwa_build: sw.js has no placeholders to fill")
sw.write_text(text.replace("__BUILD_ID__", build_id).replace("__SHELL__", json.dumps(shell)), encoding="utf-8")

def size(paths):
    raw = sum(p.stat().st_size for p in paths)
    packed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in paths)
    return raw, packed

wasm = [p for p in files if p.suffix == ".wasm"]
js = [p for p in files if p.suffix == ".js"]
(wr, wg), (jr, jg) = size(wasm), size(js)
print(f"pwa_build: build {build_id}, {len(shell)} shell files")
print(f"bundle: wasm {wr:,} B raw / {wg:,} B gzip; js {jr:,} B raw / {jg:,} B gzip; total {wr + jr:,} B raw / {wg + jg:,} B gzip")
