package i18n

// Words of the terminal tool-view panel and the compare view (issue 14): the panel's title, the
// tools that are not commands, and the difference list in words. Merged into ui at init, like
// xrefWords.

// Message ids.
const (
	ToolToggle   ID = "tools.toggle"   // the top bar's control that opens the panel
	ToolTitle    ID = "tools.title"    // %s host, %s moment
	ToolSockstat ID = "tools.sockstat" // the tab of /proc/net/sockstat
	ToolSince    ID = "tools.since"    // %s the earlier moment nstat counts from
	ToolNone     ID = "tools.none"     // %s why the panel has nothing to show
	ToolPkt      ID = "tools.pkt"      // a packetdrill run has no model to ask

	CmpTitle    ID = "cmp.title"    // %d differences
	CmpNone     ID = "cmp.none"     // %s run 1, %s run 2
	CmpOnlyIn   ID = "cmp.only"     // %s run, %s packet
	CmpTiming   ID = "cmp.timing"   // %s time 1, %s run 1, %s time 2, %s run 2, %s packet
	CmpState    ID = "cmp.state"    // %s host, %s conn, %s state 1, %s run 1, %s state 2, %s run 2, %s until
	CmpCounter  ID = "cmp.counter"  // %s host, %s counter, %s value 1, %s run 1, %s value 2, %s run 2
	CmpAsIs     ID = "cmp.as_is"    // run 1 when run 2 changes a setting
	CmpOriginal ID = "cmp.original" // run 1 when run 2 is a what-if
	CmpError    ID = "cmp.error"    // %s why run 2 could not be made
	CmpMore     ID = "cmp.more"     // %d differences not listed

	// why a compare= value was refused (core/compare's SpecError); the bad word comes first
	CmpWhyKind     ID = "cmp.why.kind"      // %s word
	CmpWhyProfile  ID = "cmp.why.profile"   // %s word, %s profiles
	CmpWhySet      ID = "cmp.why.set"       // %s word
	CmpWhyHost     ID = "cmp.why.host"      // %s word, %s hosts
	CmpWhyDrop     ID = "cmp.why.drop"      // %s word
	CmpWhyTime     ID = "cmp.why.time"      // %s word
	CmpWhyNoSocket ID = "cmp.why.no_socket" // %s word
	CmpWhyValue    ID = "cmp.why.value"     // %s word, %s the option
	CmpWhyLinger   ID = "cmp.why.linger"    // %s word
	CmpUnavailable ID = "cmp.unavailable"   // compare= reached the page's main module

	ToolNoFile ID = "web.tools.no_file" // (shown by the page, in its font) the page cannot carry a file's scenario to the panel's module

	CmpDropRun ID = "cmp.drop_run" // run 2 of drop:FROM>TO:N: %s from, %s to, %d N
	CmpKillRun ID = "cmp.kill_run" // run 2 of kill:HOST@T: %s host, %s moment
)

var toolWords = [...]struct {
	id     ID
	en, zh string
}{
	{ToolToggle, "Terminal", "终端"},
	{ToolTitle, "TERMINAL · host %s at %s", "终端 · %s, %s"},
	{ToolSockstat, "sockstat", "套接字计数"},
	{ToolSince, "nstat: the increments since the last step (%s)", "nstat: 自上一步 (%s) 以来的变化"},
	{ToolNone, "nothing to show: %s", "无法列出: %s"},
	{ToolPkt, "a packetdrill run has no model to ask", "packetdrill 运行没有可查的状态"},
	{CmpTitle, "DIFFERENCES · %d", "不同 · %d"},
	{CmpNone, "no differences between %s and %s", "%s 与 %s 没有不同"},
	{CmpOnlyIn, "packet only in %s: %s", "仅在 %s 中的包: %s"},
	{CmpTiming, "packet sent at %s in %s, at %s in %s: %s", "包在 %[2]s 中于 %[1]s 发出, 在 %[4]s 中于 %[3]s: %[5]s"},
	{CmpState, "%s %s is %s in %s, %s in %s until %s", "%s %s 在 %[4]s 中为 %[3]s, 在 %[6]s 中为 %[5]s, 直到 %[7]s"},
	{CmpCounter, "counter %s %s: %s in %s, %s in %s at the end", "计数器 %s %s: 结束时 %[4]s 为 %[3]s, %[6]s 为 %[5]s"},
	{CmpAsIs, "as is", "未变"},
	{CmpOriginal, "original", "假设前"},
	{CmpError, "compare: %s", "第二次运行: %s"},
	{CmpMore, "… %d more", "… 还有 %d 个"},
	{CmpWhyKind, "%s: want profile:, set:, drop: or kill:", "%s: 应为 profile:、set:、drop: 或 kill:"},
	{CmpWhyProfile, "%s is not a profile of the scenario (it has %s)", "%s 不是这个场景的内核 (可选 %s)"},
	{CmpWhySet, "%s: want HOST.NAME=VALUE", "%s: 应为 HOST.NAME=VALUE"},
	{CmpWhyHost, "no host %s (the scenario has %s)", "场景中没有 %s (有 %s)"},
	{CmpWhyDrop, "%s: want FROM>TO:N (N counts from 1)", "%s: 应为 发送方>接收方:N (N 从 1 数起)"},
	{CmpWhyTime, "%s is not a time (write 1.5s or 540ms)", "%s 不是时间 (如 1.5s 或 540ms)"},
	{CmpWhyNoSocket, "host %s opens no socket with connect or listen", "%s 没有用 connect 或 listen 打开套接字"},
	{CmpWhyValue, "%s: %s takes one integer", "%s: %s 应为一个整数"},
	{CmpWhyLinger, "%s: SO_LINGER takes two integers, on and seconds, such as 1,0", "%s: SO_LINGER 应为 2 个整数, 如 1,0"},
	{CmpUnavailable, "this page's module has no compare view (finwait-pkt.wasm has it)", "这里没有第二次运行的代码 (finwait-pkt.wasm 有)"},
	{ToolNoFile, "The terminal panel cannot open here: this page cannot put the scenario opened from a file in a link, and the switch to the panel's module would lose it.",
		"终端面板无法在此打开: 此页面无法把从文件打开的场景放进链接, 切换到面板的模块会丢失它。"},
	{CmpDropRun, "drop %s>%s #%d", "丢弃 %s>%s 第 %d 个"},
	{CmpKillRun, "kill %s at %s", "%s 的进程在 %s 被杀死"},
}

func init() {
	for _, w := range toolWords {
		ui[EN][w.id], ui[ZH][w.id] = w.en, w.zh
	}
}
