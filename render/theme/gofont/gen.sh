#!/usr/bin/env bash
# Regenerates the four Go font subsets the renderer embeds (Go, Go Bold, Go Mono, Go Mono Bold from
# golang.org/x/image/font/gofont/ttfs, BSD licence in LICENSE). The full fonts are 652 KB (295 KB
# gzip) of the web page; these subsets keep the TrueType hinting and carry:
#   printable ASCII, Latin-1, Latin Extended-A (names and notes in scenario files),
#   general punctuation, arrows and the few math symbols of the UI,
#   and every other non-CJK character the Go sources outside tests use (the message table, layout).
# Go Mono and Go Mono Bold (values, packet labels, kernel names, code) keep printable ASCII and the
# same symbols but not Latin-1 or Latin Extended-A: a name with such a letter draws it from Go or
# Go Bold (render/theme/fallback.go). That saves about 45 KB gzip of the page.
# A test fails when a message uses a character neither these nor the CJK subset draw. Run it after
# adding such a character:
#   apt-get install -y --no-install-recommends python3-fonttools
#   render/theme/gofont/gen.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
src=$(cd "$root" && go list -m -f '{{.Dir}}' golang.org/x/image)/font/gofont/ttfs
extra=$(/usr/bin/python3 - "$root" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
s = set()
for d in ("render", "core", "wasm", "internal"):
    for p in sorted((root / d).rglob("*.go")):
        if p.name.endswith("_test.go"):
            continue
        for ch in p.read_text(encoding="utf-8"):
            o = ord(ch)
            cjk = 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F
            if o > 0x7E and not cjk:
                s.add("U+%04X" % o)
print(",".join(sorted(s)))
PY
)
symbols="U+2010-2027,U+2030-203A,U+2190-2195,U+2212,U+2248,U+2260,U+2264,U+2265,U+2022,U+FFFD"
latin="U+0020-007E,U+00A0-00FF,U+0100-017F"
for f in Go-Regular Go-Bold Go-Mono Go-Mono-Bold; do
  ranges="$latin,$symbols"
  case $f in Go-Mono*) ranges="U+0020-007E,$symbols" ;; esac
  /usr/bin/python3 -m fontTools.subset "$src/$f.ttf" --unicodes="$ranges,$extra" --output-file="$here/$f.ttf" \
    --layout-features='' --notdef-outline --no-glyph-names
  echo "$f.ttf: $(stat -c %s "$here/$f.ttf") bytes"
done
cp "$src/README" "$here/LICENSE"
