#!/usr/bin/env bash
# Regenerates the two CJK subsets of Droid Sans Fallback (Apache-2.0, Debian fonts-droid-fallback):
#   cjk.ttf             the characters the app draws (render/i18n's messages, explanations and
#                       translations, less the web page's own words), embedded in the app;
#   web/cjk-web.ttf     the characters of the web page's own words (web.* ids: its buttons, loading
#                       screen and messages), which style.css loads with @font-face for 中文 only.
# The character lists come from render/theme's glyph test (TestEveryMessageHasGlyphs), which then
# checks that cjk.ttf holds exactly what is drawn and cjk-web.ttf every page character.
# golang/freetype reads TrueType-outline fonts only, which rules out the CFF-based Noto CJK. Run
# after adding Chinese text to the message table:
#   apt-get install -y --no-install-recommends fonts-droid-fallback python3-fonttools
#   render/theme/cjk/gen.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
src=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the test fails until the subsets are made; it writes the lists first
(cd "$root" && go test -count=1 -run TestEveryMessageHasGlyphs ./render/theme/ \
  -args -cjk-chars="$tmp/app" -cjk-page-chars="$tmp/page" >/dev/null) || true
test -s "$tmp/app" && test -s "$tmp/page"
subset() {
  /usr/bin/python3 -m fontTools.subset "$src" --text-file="$1" --output-file="$2" \
    --no-hinting --layout-features='' --name-IDs='*' --notdef-outline
}
subset "$tmp/app" "$here/cjk.ttf"
subset "$tmp/page" "$root/web/cjk-web.ttf"
cp /usr/share/common-licenses/Apache-2.0 "$here/LICENSE"
echo "cjk.ttf: $(wc -m < "$tmp/app") characters, $(stat -c %s "$here/cjk.ttf") bytes"
echo "web/cjk-web.ttf: $(wc -m < "$tmp/page") characters, $(stat -c %s "$root/web/cjk-web.ttf") bytes"
