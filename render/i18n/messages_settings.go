package i18n

import "strings"

// Words of issue 13's "saying what is true": the settings panel (what a scenario sets that a
// kernel left alone would not), the timer marks, the kernel-path chains and what a step means,
// the lifeline marks of calls that leave nothing on the wire, the what-if hints. Merged into ui
// at init, like inputWords.

// Message ids.
const (
	SettingsButton  ID = "settings.button"   //
	SettingsTitle   ID = "settings.title"    // %s scenario, %s profile
	SettingsNone    ID = "settings.none"     // the hosts run with the profile's defaults
	SettingsWire    ID = "settings.wire"     // the wire's section title
	SettingsClose   ID = "settings.close"    //
	SetDiff         ID = "set.diff"          // %s name, %s value, %s default
	SetValue        ID = "set.value"         // %s name, %s value (no default to compare with)
	SetAt           ID = "set.at"            // %s time, %s what was set
	SetOpt          ID = "set.opt"           // %s option, %s value
	SetDelay        ID = "set.delay"         // %s one-way delay
	SetDelayDir     ID = "set.delay.dir"     // %s direction, %s one-way delay
	SetNAT          ID = "set.nat"           // %s hosts, %s public address
	RuleDrop        ID = "rule.drop"         // %s which segments
	RuleDelay       ID = "rule.delay"        // %s which segments, %s extra delay
	RuleDup         ID = "rule.duplicate"    // %s which segments, %s copy after
	TimerMark       ID = "timer.mark"        // %s timer label, %s the setting behind its length
	PathOnSegment   ID = "path.on_segment"   // %s sender: a chain run by a segment's arrival
	PathMeans       ID = "path.means"        // %s what the step means for the user
	CallMark        ID = "call.mark"         // %s host, %s call, %s result: a lifeline mark's hover text
	WhatIfPacket    ID = "whatif.packet"     // the packet tooltip's what-if hint
	WhatIfHost      ID = "whatif.host"       // %s host: the header card's what-if hint
	SummaryHelp     ID = "help.summary"      // %s scenario, %s its full description
	HelpSettingsKey ID = "help.settings_key" // "key\tmeaning" line of the help overlay
)

var settingsWords = [...]struct {
	id     ID
	en, zh string
}{
	{SettingsButton, "Settings", "设置"},
	{SettingsTitle, "What %s sets · otherwise the %s defaults", "%s 的设置 · 没有列出的都是 %s 的内核设置"},
	{SettingsNone, "every kernel setting at the profile's default", "内核设置都没有变化"},
	{SettingsWire, "wire", "线路"},
	{SettingsClose, "o, Esc or a click closes", "按 o、Esc 或点按关闭"},
	{SetDiff, "%s = %s, default %s", "%s = %s, 内核为 %s"},
	{SetValue, "%s = %s", "%s = %s"},
	{SetAt, "at %s: %s", "%s 时: %s"},
	{SetOpt, "setsockopt %s = %s", "setsockopt %s = %s"},
	{SetDelay, "one-way delay %s each way", "单向延迟 %s"},
	{SetDelayDir, "one-way delay %s: %s", "单向延迟 %s: %s"},
	{SetNAT, "NAT: %s share %s", "NAT: %s 用同一个 %s"},
	{RuleDrop, "lose %s", "丢弃 %s"},
	{RuleDelay, "delay %s by %s", "延迟 %s %s"},
	{RuleDup, "duplicate %s, copy %s later", "复制 %s, 第二个在 %s 后到达"},
	{TimerMark, "%s: %s", "%s: %s"},
	{PathOnSegment, "segment from %s:", "%s 的报文到达:"},
	{PathMeans, "What it means: %s", "对用户: %s"},
	{CallMark, "%s: %s → %s · nothing on the wire", "%s: %s → %s · 线路上没有报文"},
	{WhatIfPacket, "right-click or long-press: what if it were lost", "右键或长按: 假设它丢失"},
	{WhatIfHost, "right-click or long-press: what if %s's process were killed now", "右键或长按: 假设 %s 的进程现在被杀死"},
	{SummaryHelp, "%s: %s", "%s: %s"},
	{HelpSettingsKey, "o\twhat the scenario sets (settings)", "o\t场景的设置"},
}

// meanings say what a kernel step means for the user of the connection, keyed like the
// explanations ("fn|branch", a branch prefix matching): the panel shows one under the
// explanation of the path event it belongs to, whatever the scenario. A table, not a map: a
// map literal is built by code at start-up, which the page's download pays for.
var meanings = [...]struct{ key, en, zh string }{
	{"tcp_fin|FIN in ESTABLISHED",
		"the ACK of this FIN waits: if the application closes soon, the ACK rides on its FIN and the close takes three segments, not four.",
		"这个 FIN 的 ACK 先等一下: 如果应用立即关闭, ACK 与它的 FIN 一起发出, 关闭只要 3 个报文而不是 4 个。"},
	{"tcp_rcv_state_process|orphan FIN_WAIT2, segment carries FIN",
		"the peer's FIN carried the ACK of ours, so the close took three segments, not four.",
		"对端的 FIN 带着对我们 FIN 的 ACK, 所以关闭只用了 3 个报文而不是 4 个。"},
	{"tcp_rcv_state_process|orphan FIN_WAIT2 with tcp_fin_time <= 60 s",
		"this side now waits at most tcp_fin_timeout for the peer's FIN, in a small TIME_WAIT socket: a peer that never closes costs little.",
		"本端最多再等 tcp_fin_timeout 来等对端的 FIN, 用的是小的 TIME_WAIT 套接字: 不关闭的对端只占用一点内存。"},
	{"tcp_rcv_state_process|LAST_ACK and our FIN acked",
		"the side that closed second is done: its port is free at once; only the side that closed first holds TIME_WAIT.",
		"后关闭的一端结束了: 端口立即空出; 只有先关闭的一端进入 TIME_WAIT。"},
	{"tcp_fin|FIN in FIN_WAIT2",
		"the side that closed first holds the connection's address pair in TIME_WAIT for 60 s: a new connection with the same ports waits or reuses it.",
		"先关闭的一端在 TIME_WAIT 中保留这对地址 60 秒: 用同一对端口的新连接要等待或复用它。"},
	{"tcp_close|data_was_unread",
		"close() with unread data is an abort: the peer sees a reset, and data it sent may never be read.",
		"有未读数据时 close() 就是中止: 对端收到复位, 它发的数据可能不会被读取。"},
	{"tcp_close|SO_LINGER {1, 0}",
		"the connection ends at once with RST: no TIME_WAIT, but data still queued is thrown away.",
		"连接立即以 RST 结束: 没有 TIME_WAIT, 但队列中的数据被丢弃。"},
	{"__inet_hash_connect|no ephemeral port free",
		"the application sees connect() fail although nothing went on the wire: the ports are held by TIME_WAIT.",
		"应用看到 connect() 失败, 而线路上什么也没有: 端口被 TIME_WAIT 占着。"},
	{"tcp_timewait_state_process|peer's FIN in FIN_WAIT2 substate",
		"the peer's FIN came late: the small socket ACKs it and now waits the full 60 s of TIME_WAIT.",
		"对端的 FIN 到达得太迟: 小套接字回 ACK, 并等完 60 秒的 TIME_WAIT。"},
}

// Meaning returns what a kernel step means for the user ("" when the table has nothing for it):
// the entry whose branch is the longest prefix of the event's branch.
func Meaning(lang Lang, fn, branch string) string {
	best, bestLen := "", -1
	for _, m := range meanings {
		if f, cond, _ := strings.Cut(m.key, "|"); f == fn && len(cond) > bestLen && strings.HasPrefix(branch, cond) {
			best, bestLen = m.en, len(cond)
			if lang == ZH {
				best = m.zh
			}
		}
	}
	return best
}

// MeaningKeys returns every meaning key.
func MeaningKeys() []string {
	out := make([]string, 0, len(meanings))
	for _, m := range meanings {
		out = append(out, m.key)
	}
	return out
}

func init() {
	for _, w := range settingsWords {
		ui[EN][w.id], ui[ZH][w.id] = w.en, w.zh
	}
}
