//go:build !js

package webtest

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"finwait/render/i18n"
)

// shownMessages is the text of the page's message list, or nil when it is not on screen.
func shownMessages(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var msgs []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => { const b = document.getElementById("messages-box");
		return b.getClientRects().length > 0 && !document.getElementById("messages").hidden ?
			Array.from(document.querySelectorAll("#messages li")).map(li => li.textContent) : null; })()`, &msgs)); err != nil {
		t.Fatal(err)
	}
	return msgs
}

// A teacher's typos each get a message naming the bad word, in the page's language: an unknown URL
// parameter, an unknown scenario and an unknown postMessage command. The messages stay on the page
// while it draws (60 more frames), until the × is pressed; the × is named from the message table.
func TestTyposAreNamedUntilDismissed(t *testing.T) {
	for _, c := range []struct {
		query, post string
		lang        i18n.Lang
		want        string
	}{
		{"?senario=linger_zero&autoplay=0", "", i18n.EN, i18n.Msg(i18n.EN, i18n.WebParamBad, "senario", `"linger_zero"`, i18n.Msg(i18n.EN, i18n.WebParamUnknown), "none")},
		{"?scenario=linger_zeroo&autoplay=0&lang=zh", "", i18n.ZH,
			i18n.Msg(i18n.ZH, i18n.WebParamBad, "scenario", `"linger_zeroo"`, i18n.Msg(i18n.ZH, i18n.WebParamNoScenario), "normal_active_close")},
		{"?autoplay=0", `window.postMessage({finwait: "paly"}, "*"); true`, i18n.EN, i18n.Msg(i18n.EN, i18n.WebCmdUnknown, `"paly"`)},
		{"?autoplay=0&lang=zh", `window.postMessage({finwait: "load", scenario: "linger_zeroo"}, "*"); true`, i18n.ZH,
			i18n.Msg(i18n.ZH, i18n.WebCmdBad, "load", "scenario", `"linger_zeroo"`, i18n.Msg(i18n.ZH, i18n.WebParamNoScenario))},
	} {
		ctx := page(t, c.query)
		if c.post != "" {
			if err := chromedp.Run(ctx, chromedp.Evaluate(c.post, nil),
				chromedp.Poll(`document.querySelectorAll("#messages li").length > 0`, nil, chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
				t.Fatalf("%s %s: no message: %v", c.query, c.post, err)
			}
		}
		if got := shownMessages(t, ctx); strings.Join(got, "\n") != c.want {
			t.Errorf("%s %s: messages %q, want %q", c.query, c.post, got, c.want)
		}
		// it stays while the page draws on: ask for frames (a seek each) and wait for 60 of them
		var frames int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.finwait.frames`, &frames),
			chromedp.Evaluate(`window.seeker = setInterval(() => window.postMessage({finwait: "seek", t: window.finwait.frames % 2 ? "10ms" : "20ms"}, "*"), 10); true`, nil),
			chromedp.Poll(`window.finwait.frames > `+strconv.Itoa(frames+60), nil, chromedp.WithPollingInterval(20*time.Millisecond)),
			chromedp.Evaluate(`clearInterval(window.seeker); true`, nil)); err != nil {
			t.Fatal(err)
		}
		if got := shownMessages(t, ctx); strings.Join(got, "\n") != c.want {
			t.Errorf("%s %s: 60 frames later, messages %q, want %q", c.query, c.post, got, c.want)
		}
		var label string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("messages-close").getAttribute("aria-label")`, &label),
			chromedp.Click("#messages-close", chromedp.ByID)); err != nil {
			t.Fatal(err)
		}
		if want := i18n.Msg(c.lang, i18n.WebMessagesDismiss); label != want {
			t.Errorf("%s: the × is named %q, want %q", c.query, label, want)
		}
		if got := shownMessages(t, ctx); got != nil {
			t.Errorf("%s: after ×, messages %q still shown", c.query, got)
		}
		noCSPViolations(t, ctx)
	}
}
