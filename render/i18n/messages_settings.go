package i18n

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
	RuleWindow      ID = "rule.window"       // %s from, %s until
	RuleFrom        ID = "rule.from"         // %s from
	RuleFirst       ID = "rule.first"        // %d count
	RuleNth         ID = "rule.nth"          // %d index (1-based)
	RuleConn        ID = "rule.conn"         // %d connection
	RuleAny         ID = "rule.any"          // any host
	TimerMark       ID = "timer.mark"        // %s timer label, %s the setting behind its length
	PathOnSegment   ID = "path.on_segment"   // %s sender: a chain run by a segment's arrival
	PathOnCall      ID = "path.on_call"      // %s call: a chain run by the application's call
	PathOnTimer     ID = "path.on_timer"     // %s timer: a chain run by a timer
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
	{SettingsButton, "settings", "设置"},
	{SettingsTitle, "What %s sets · otherwise the %s defaults", "%s 的设置 · 其余为 %s 的默认值"},
	{SettingsNone, "every kernel setting at the profile's default", "内核设置均为默认值"},
	{SettingsWire, "wire", "线路"},
	{SettingsClose, "o, Esc or a click closes", "按 o、Esc 或点按关闭"},
	{SetDiff, "%s = %s, default %s", "%s = %s, 默认 %s"},
	{SetValue, "%s = %s", "%s = %s"},
	{SetAt, "at %s: %s", "%s 时: %s"},
	{SetOpt, "setsockopt %s = %s", "setsockopt %s = %s"},
	{SetDelay, "one-way delay %s each way", "单向延迟 %s"},
	{SetDelayDir, "one-way delay %s: %s", "单向延迟 %s: %s"},
	{SetNAT, "NAT: %s share %s", "NAT: %s 共用 %s"},
	{RuleDrop, "lose %s", "丢弃 %s"},
	{RuleDelay, "delay %s by %s", "延迟 %s %s"},
	{RuleDup, "duplicate %s, copy %s later", "复制 %s, 副本晚 %s"},
	{RuleWindow, "sent %s – %s", "发送于 %s – %s"},
	{RuleFrom, "sent from %s on", "发送于 %s 起"},
	{RuleFirst, "the first %d", "前 %d 个"},
	{RuleNth, "segment #%d only", "仅第 %d 个"},
	{RuleConn, "conn %d", "连接 %d"},
	{RuleAny, "any", "任意"},
	{TimerMark, "%s: %s", "%s: %s"},
	{PathOnSegment, "segment from %s:", "%s 的报文到达:"},
	{PathOnCall, "%s():", "%s():"},
	{PathOnTimer, "%s timer:", "%s 定时器:"},
	{PathMeans, "What it means: %s", "意味着: %s"},
	{CallMark, "%s: %s → %s · nothing on the wire", "%s: %s → %s · 线路上没有报文"},
	{WhatIfPacket, "right-click or long-press: what if it were lost", "右键或长按: 假设它丢失"},
	{WhatIfHost, "right-click or long-press: what if %s's process were killed now", "右键或长按: 假设 %s 的进程此刻被杀死"},
	{SummaryHelp, "%s: %s", "%s: %s"},
	{HelpSettingsKey, "o\twhat the scenario sets (settings)", "o\t场景的设置"},
}

// Meanings say what a kernel step means for the user of the connection, keyed like the
// explanations ("fn|branch", a branch prefix matching): the panel shows one under the
// explanation of the path event it belongs to, whatever the scenario.
var meaning = map[Lang]map[string]string{
	EN: {
		"tcp_fin|FIN in ESTABLISHED":                                       "the ACK of this FIN waits: if the application closes soon, the ACK rides on its FIN and the close takes three segments, not four.",
		"tcp_rcv_state_process|orphan FIN_WAIT2, segment carries FIN":      "the peer's FIN carried the ACK of ours, so the close took three segments, not four.",
		"tcp_rcv_state_process|orphan FIN_WAIT2 with tcp_fin_time <= 60 s": "this side now waits at most tcp_fin_timeout for the peer's FIN, in a small TIME_WAIT socket: a peer that never closes costs little.",
		"tcp_rcv_state_process|LAST_ACK and our FIN acked":                 "the side that closed second is done: its port is free at once; only the side that closed first holds TIME_WAIT.",
		"tcp_fin|FIN in FIN_WAIT2":                                         "the side that closed first holds the connection's address pair in TIME_WAIT for 60 s: a new connection with the same ports waits or reuses it.",
		"tcp_close|data_was_unread":                                        "close() with unread data is an abort: the peer sees a reset, and data it sent may never be read.",
		"tcp_close|SO_LINGER {1, 0}":                                       "the connection ends at once with RST: no TIME_WAIT, but data still queued is thrown away.",
		"__inet_hash_connect|no ephemeral port free":                       "the application sees connect() fail although nothing went on the wire: the ports are held by TIME_WAIT.",
		"tcp_timewait_state_process|peer's FIN in FIN_WAIT2 substate":      "the peer's FIN came late: the small socket ACKs it and now waits the full 60 s of TIME_WAIT.",
		"tcp_rcv_state_process|our FIN acked, socket still owned":          "a half-closed socket waits for the peer's FIN for as long as it takes: tcp_fin_timeout does not apply while the application holds it.",
		"tcp_out_of_resources|too many orphans":                            "under orphan pressure the kernel gives up on connections nobody owns: the peer gets a reset.",
		"tcp_rcv_state_process|new data after the receive side was shut":   "the peer still sends to a socket that cannot read: the connection is reset and the peer's write fails.",
		"tcp_rcv_state_process|our FIN acked, orphan with linger2 < 0":     "TCP_LINGER2 < 0 trades FIN_WAIT2 for an immediate reset: the peer sees RST, not a clean close.",
		"inet_csk_listen_stop|listener closed":                             "clients that connected but were never accepted get a reset: their connect() had succeeded.",
	},
	ZH: {
		"tcp_fin|FIN in ESTABLISHED":                                       "这个 FIN 的 ACK 先等待: 若应用很快关闭, ACK 搭在它的 FIN 上, 关闭只需三个报文而不是四个。",
		"tcp_rcv_state_process|orphan FIN_WAIT2, segment carries FIN":      "对端的 FIN 带着对我方 FIN 的 ACK, 所以关闭只用了三个报文而不是四个。",
		"tcp_rcv_state_process|orphan FIN_WAIT2 with tcp_fin_time <= 60 s": "这一侧最多再等 tcp_fin_timeout 来等对端的 FIN, 用的是很小的 TIME_WAIT 套接字: 不关闭的对端代价很小。",
		"tcp_rcv_state_process|LAST_ACK and our FIN acked":                 "后关闭的一侧结束了: 端口立即空出; 只有先关闭的一侧进入 TIME_WAIT。",
		"tcp_fin|FIN in FIN_WAIT2":                                         "先关闭的一侧在 TIME_WAIT 中保留这对地址 60 秒: 相同端口的新连接要等待或复用它。",
		"tcp_close|data_was_unread":                                        "有未读数据时 close() 就是中止: 对端收到复位, 它发的数据可能永远不会被读取。",
		"tcp_close|SO_LINGER {1, 0}":                                       "连接立即以 RST 结束: 没有 TIME_WAIT, 但队列中的数据被丢弃。",
		"__inet_hash_connect|no ephemeral port free":                       "应用看到 connect() 失败, 而线路上什么也没有: 端口被 TIME_WAIT 占着。",
		"tcp_timewait_state_process|peer's FIN in FIN_WAIT2 substate":      "对端的 FIN 来晚了: 小套接字回 ACK, 并等满 60 秒的 TIME_WAIT。",
		"tcp_rcv_state_process|our FIN acked, socket still owned":          "半关闭的套接字会一直等对端的 FIN: 应用仍持有它时 tcp_fin_timeout 不起作用。",
		"tcp_out_of_resources|too many orphans":                            "孤儿过多时内核放弃无人持有的连接: 对端收到复位。",
		"tcp_rcv_state_process|new data after the receive side was shut":   "对端仍向不能读的套接字发送: 连接被复位, 对端的写入失败。",
		"tcp_rcv_state_process|our FIN acked, orphan with linger2 < 0":     "TCP_LINGER2 < 0 用立即复位代替 FIN_WAIT2: 对端看到 RST, 而不是正常关闭。",
		"inet_csk_listen_stop|listener closed":                             "已连接但从未被 accept 的客户端收到复位: 它们的 connect() 曾经成功。",
	},
}

// Meaning returns what a kernel step means for the user ("" when the table has nothing for it):
// the entry whose branch is the longest prefix of the event's branch.
func Meaning(lang Lang, fn, branch string) string {
	t := meaning[lang]
	if t == nil {
		t = meaning[EN]
	}
	return longestPrefix(t, fn, branch, "")
}

// MeaningKeys returns every meaning key of a language.
func MeaningKeys(lang Lang) []string {
	out := make([]string, 0, len(meaning[lang]))
	for k := range meaning[lang] {
		out = append(out, k)
	}
	return out
}

func init() {
	for _, w := range settingsWords {
		ui[EN][w.id], ui[ZH][w.id] = w.en, w.zh
	}
}
