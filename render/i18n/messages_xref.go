package i18n

// Words about the kernel-source links (issue 14): a kernel function name in the kernel-path panel
// opens that identifier on a public cross-referencer, in the kernel version of the profile on
// screen. Merged into ui at init, like inputWords.

// Message ids.
const (
	SourceHint      ID = "source.hint"       // %s function, %s kernel version
	SourceOpenError ID = "source.open_error" // %s why
)

var xrefWords = [...]struct {
	id     ID
	en, zh string
}{
	{SourceHint, "Click: open %s in Linux %s source (new tab / browser)",
		"点按 %[1]s 在新窗口中查看 Linux %[2]s 的代码"},
	{SourceOpenError, "Could not open the kernel source: %s",
		"无法打开内核代码。%s"},
}

func init() {
	for _, w := range xrefWords {
		ui[EN][w.id], ui[ZH][w.id] = w.en, w.zh
	}
}
