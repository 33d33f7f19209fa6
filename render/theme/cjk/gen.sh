#!/usr/bin/env bash
# Regenerates cjk.ttf: Droid Sans Fallback (Apache-2.0, Debian fonts-droid-fallback) subset to the
# CJK characters that render/i18n's messages use (not the web page's own words, on lines that start
# with a Web… key: the browser draws those with its own fonts). golang/freetype reads TrueType-outline fonts only,
# which rules out the CFF-based Noto CJK. Run after adding Chinese text to the message table:
#   apt-get install -y --no-install-recommends fonts-droid-fallback python3-fonttools
#   render/theme/cjk/gen.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
chars=$(/usr/bin/python3 - "$here/../../i18n" <<'PY'
import pathlib, re, sys
s = set()
web = re.compile(r"^\s*Web[A-Za-z]+\s*:")  # the web page's own words: the browser draws those
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.go")):
    text = "\n".join(l for l in p.read_text(encoding="utf-8").splitlines() if not web.match(l))
    for ch in text:
        o = ord(ch)
        if 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x3000 <= o <= 0x303F:
            s.add(ch)
print("".join(sorted(s)))
PY
)
/usr/bin/python3 -m fontTools.subset "$src" --text="$chars" --output-file="$here/cjk.ttf" \
  --no-hinting --layout-features='' --name-IDs='*' --notdef-outline
cp /usr/share/common-licenses/Apache-2.0 "$here/LICENSE"
echo "cjk.ttf: ${#chars} characters, $(stat -c %s "$here/cjk.ttf") bytes"
