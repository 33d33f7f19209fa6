//go:build !js

package webtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"finwait/render/i18n"
)

// cjkFontFace is the status of the page's @font-face for Chinese: "unloaded" until the browser
// needs it, "loaded" once it drew with it.
const cjkFontFace = `(() => { const f = [...document.fonts].find(f => f.family.replaceAll('"', '') === "finwait CJK"); return f ? f.status : "none"; })()`

// customGlyphs is how many glyphs of the element's text the browser drew with a downloaded font.
func customGlyphs(t *testing.T, ctx context.Context, sel string) (n float64, fonts []*css.PlatformFontUsage) {
	t.Helper()
	var nodes []*cdp.Node
	if err := chromedp.Run(ctx, chromedp.Nodes(sel, &nodes, chromedp.ByQuery), chromedp.ActionFunc(func(ctx context.Context) error {
		if err := css.Enable().Do(ctx); err != nil {
			return err
		}
		var err error
		fonts, err = css.GetPlatformFontsForNode(nodes[0].NodeID).Do(ctx)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	for _, f := range fonts {
		if f.IsCustomFont {
			n += f.GlyphCount
		}
	}
	return n, fonts
}

// The page's own buttons in 中文 draw with the app's CJK subset (web/cjk-web.ttf), whatever fonts
// the machine has: every Chinese character of the menu button's and its items' words comes from
// it. An English page never fetches it.
func TestPageWordsInChineseUseTheAppsFont(t *testing.T) {
	ctx := page(t, "?autoplay=0")
	var status string
	if err := chromedp.Run(ctx, chromedp.Poll(`!document.getElementById("share").hidden`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Evaluate(`document.fonts.ready.then(() => true)`, nil, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		chromedp.Evaluate(cjkFontFace, &status)); err != nil {
		t.Fatal(err)
	}
	if status != "unloaded" {
		t.Errorf("English page: the CJK font is %q, want unloaded (never fetched)", status)
	}
	ctx, _ = phonePage(t, 1280, 800, 1, "?scenario=normal_active_close&autoplay=0&t=500ms&lang=zh", "desktop-1280x800-zh")
	if err := chromedp.Run(ctx, chromedp.Poll(`!document.getElementById("share").hidden && document.documentElement.lang === "zh-Hans"`, nil, chromedp.WithPollingInterval(20*time.Millisecond)),
		chromedp.Click("#menu-button", chromedp.ByID),
		chromedp.Poll(`document.fonts.status === "loaded" && `+cjkFontFace+` === "loaded"`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		t.Fatalf("the CJK font never loaded: %v", err)
	}
	for _, c := range []struct {
		sel string
		id  i18n.ID
	}{{"#menu-button", i18n.WebMenu}, {"#open-file", i18n.WebOpenFile}, {"#save-png", i18n.WebSavePNG}, {"#copy-embed", i18n.WebCopyEmbed}} {
		word := i18n.Msg(i18n.ZH, c.id)
		want := 0
		for _, r := range word {
			if r >= 0x2E80 && r <= 0x9FFF {
				want++
			}
		}
		if got, fonts := customGlyphs(t, ctx, c.sel); want == 0 || got < float64(want) {
			t.Errorf("%s %q: %v glyphs from the page's font, want at least %d (fonts used: %+v)", c.sel, word, got, want, fonts)
		}
	}
	if dir := os.Getenv("FINWAIT_SHOTS"); dir != "" {
		var png []byte
		if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "desktop-1280x800-zh-menu.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
