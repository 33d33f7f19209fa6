package webtest

import (
	"context"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"finwait/render/i18n"
)

// A browser without WebGL is told so, and only so: the .wasm download, which starts before the
// WebGL probe (boot.js), is stopped, and its end (here a failed request) does not replace the
// message with a download error.
func TestNoWebGLSaysSo(t *testing.T) {
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelT)
	const noGL = `HTMLCanvasElement.prototype.getContext = function () { return null; };
		window.fetch = (function (f) {
			return function (url, opts) {
				if (/\.wasm$/.test(String(url))) {
					return new Promise(function (_, reject) { setTimeout(function () { reject(new Error("offline")); window.wasmRefused = true; }, 200); });
				}
				return f.apply(this, arguments);
			};
		})(window.fetch);`
	var fatal string
	if err := chromedp.Run(ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := cdppage.AddScriptToEvaluateOnNewDocument(noGL).Do(ctx)
			return err
		}),
		chromedp.Navigate(baseURL+"/"),
		chromedp.Poll(`!document.getElementById("fatal").hidden`, nil),
		chromedp.Poll(`window.wasmRefused === true`, nil), // the page has had the failure (its handlers ran before this poll)
		chromedp.Evaluate(`document.getElementById("fatal").textContent`, &fatal),
	); err != nil {
		t.Fatal(err)
	}
	if want := i18n.Msg(i18n.EN, i18n.WebNoWebGL); fatal != want {
		t.Errorf("fatal box: %q, want %q", fatal, want)
	}
}
