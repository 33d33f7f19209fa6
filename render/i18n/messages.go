package i18n

// UI string ids.
const (
	AppName        ID = "app.name"
	Idle           ID = "warp.idle"     // %s: real gap
	Client         ID = "host.client"   //
	Server         ID = "host.server"   //
	Peer           ID = "host.peer"     //
	Orphan         ID = "host.orphan"   //
	NoSocket       ID = "host.nosocket" //
	KernelPath     ID = "panel.path"    // %s host, %s time
	KernelPathNone ID = "panel.path.none"
	Sockets        ID = "panel.sockets"
	Counters       ID = "panel.counters"
	Calls          ID = "panel.calls"
	RowState       ID = "row.state"
	RowOrphan      ID = "row.orphan"
	RowQueues      ID = "row.queues"
	RowSeq         ID = "row.seq"
	RowTimer       ID = "row.timer"
	RowLinger      ID = "row.linger"
	RowSubstate    ID = "row.substate"
	Yes            ID = "word.yes"
	No             ID = "word.no"
	Off            ID = "word.off"
	None           ID = "word.none"
	TimerLeft      ID = "timer.left"  // %s name, %s time left
	TimerLabel     ID = "timer.label" // %s name, %s duration
	Sockstat       ID = "row.sockstat"
	Blocked        ID = "call.blocked" // %s duration
	NotBlocked     ID = "call.notblocked"
	LegendDropped  ID = "legend.dropped"
	LegendFired    ID = "legend.fired"
	LegendCancel   ID = "legend.cancelled"
	LegendFaded    ID = "legend.faded"
	PickerHint     ID = "picker.hint"
	WhatIf         ID = "whatif.badge" // %d changes
	KindSyn        ID = "kind.syn"
	KindAck        ID = "kind.ack"
	KindData       ID = "kind.data"
	KindFin        ID = "kind.fin"
	KindRst        ID = "kind.rst"
	Reveal         ID = "ctl.reveal"
	Restart        ID = "ctl.restart"
	ThemeLight     ID = "ctl.theme.light"
	ThemeDark      ID = "ctl.theme.dark"
	Language       ID = "ctl.lang"
	Conn           ID = "ctl.conn" // %d
	HelpTitle      ID = "help.title"
	HelpKeys       ID = "help.keys" // one line per shortcut, "key\tmeaning"
	HelpClose      ID = "help.close"
	OnlyProfile    ID = "picker.only"   // %s profile
	PacketDetail   ID = "packet.detail" // %s from, %s to, %s label, %s sent, %s arrive
	Dropped        ID = "packet.dropped"
	NoteFmt        ID = "packet.note" // %s
	Loading        ID = "app.error"   // %s error
	Clock          ID = "clock"       // %s now, %s end
	Speed          ID = "ctl.speed"   // %s
)

var ui = map[Lang]map[ID]string{
	EN: {
		AppName: "finwait", Idle: "≈ %s idle", Client: "client", Server: "server", Peer: "peer", Orphan: "orphan",
		NoSocket: "no socket", KernelPath: "KERNEL PATH · %s, %s", KernelPathNone: "KERNEL PATH · nothing decided yet",
		Sockets: "SOCKETS", Counters: "COUNTERS (nstat) · changed in the last step highlighted", Calls: "CALLS",
		RowState: "state", RowOrphan: "orphan", RowQueues: "send-Q / recv-Q", RowSeq: "snd_una / snd_nxt", RowTimer: "timer", RowLinger: "linger",
		RowSubstate: "substate", Yes: "yes", No: "no", Off: "off", None: "—",
		TimerLeft: "%s %s left", TimerLabel: "%s %s", Sockstat: "sockstat inuse / orphan / tw",
		Blocked: "blocked %s", NotBlocked: "did not block",
		LegendDropped: "dropped", LegendFired: "timer fired", LegendCancel: "cancelled", LegendFaded: "faded: not yet",
		PickerHint: "1 … 9 pick · Esc close", WhatIf: "what-if ×%d · u undoes",
		KindSyn: "syn", KindAck: "ack", KindData: "data", KindFin: "fin", KindRst: "rst",
		Reveal: "reveal", Restart: "restart", ThemeLight: "light", ThemeDark: "dark", Language: "EN · 中文",
		Conn: "conn %d", HelpTitle: "Keyboard shortcuts",
		HelpKeys:  "space\tplay / pause\n← →  PgUp PgDn\tprevious / next event\n+ −\tfaster / slower\nHome End\tfirst / last moment\n1 … 9\tscenario by number\nTab\tnext connection\nr\trestart\nt\tlight / dark theme\nl\tlanguage\nv\treveal mode\nm\treduced motion\nf\tfull screen\nright-click\twhat-if: lose this packet / kill this process\nu  Backspace\tundo a what-if\n?\tthis help",
		HelpClose: "press ? or Esc to close", OnlyProfile: "%s only",
		PacketDetail: "%s → %s  %s\nsent %s, arrives %s", Dropped: "dropped on the wire", NoteFmt: "(%s)",
		Loading: "cannot run the scenario: %s", Clock: "%s / %s", Speed: "%s×",
	},
	ZH: {
		AppName: "finwait", Idle: "≈ %s 空闲", Client: "客户端", Server: "服务器", Peer: "对端", Orphan: "孤儿",
		NoSocket: "无套接字", KernelPath: "内核路径 · %s, %s", KernelPathNone: "内核路径 · 尚无决定",
		Sockets: "套接字", Counters: "计数器 (nstat) · 上一步变化的已高亮", Calls: "调用",
		RowState: "状态", RowOrphan: "孤儿", RowQueues: "发送队列 / 接收队列", RowSeq: "snd_una / snd_nxt", RowTimer: "定时器", RowLinger: "linger",
		RowSubstate: "子状态", Yes: "是", No: "否", Off: "关", None: "—",
		TimerLeft: "%s 剩 %s", TimerLabel: "%s %s", Sockstat: "sockstat inuse / orphan / tw",
		Blocked: "阻塞 %s", NotBlocked: "未阻塞",
		LegendDropped: "丢弃", LegendFired: "定时器触发", LegendCancel: "已取消", LegendFaded: "淡色: 尚未发生",
		PickerHint: "1 … 9 选择 · Esc 关闭", WhatIf: "假设 ×%d · u 撤销",
		KindSyn: "syn", KindAck: "ack", KindData: "数据", KindFin: "fin", KindRst: "rst",
		Reveal: "预览", Restart: "重新开始", ThemeLight: "浅色", ThemeDark: "深色", Language: "EN · 中文",
		Conn: "连接 %d", HelpTitle: "键盘快捷键",
		HelpKeys:  "空格\t播放 / 暂停\n← →  PgUp PgDn\t上一个 / 下一个事件\n+ −\t加速 / 减速\nHome End\t开头 / 结尾\n1 … 9\t按编号选场景\nTab\t下一个连接\nr\t重新开始\nt\t浅色 / 深色\nl\t语言\nv\t预览模式\nm\t减少动画\nf\t全屏\n右键\t假设: 丢弃这个包 / 杀死这个进程\nu\t撤销假设\n?\t本帮助",
		HelpClose: "按 ? 或 Esc 关闭", OnlyProfile: "仅 %s",
		PacketDetail: "%s → %s  %s\n发送 %s, 到达 %s", Dropped: "在线路上被丢弃", NoteFmt: "(%s)",
		Loading: "无法运行场景: %s", Clock: "%s / %s", Speed: "%s×",
	},
}

// Explanations keyed "fn|branch". A key with an empty branch is the function's general sentence;
// a key whose branch is a prefix matches every branch that starts with it (the core words its
// branches as "condition: consequence").
var explain = map[Lang]map[string]string{
	EN: {
		"tcp_close|":                       "The application closed the socket; tcp_close decides between FIN and RST and the socket becomes an orphan.",
		"tcp_close|data_was_unread > 0":    "The receive queue still held unread bytes, so tcp_close sends RST instead of FIN and discards them.",
		"tcp_close|linger 0":               "SO_LINGER is on with a zero timeout, so close() aborts the connection with RST instead of a FIN.",
		"tcp_close|close_state":            "Nothing unread and no zero linger: the close_state table picks the next state and a FIN is queued.",
		"tcp_close|LISTEN":                 "Closing a listener stops it and resets every connection still waiting in its accept queue.",
		"tcp_send_fin|":                    "The FIN rides on the last queued segment if there is one, otherwise it leaves as its own segment.",
		"tcp_fin|":                         "The peer's FIN arrived in order: the receive side is shut and the application will read end of file.",
		"tcp_rcv_state_process|":           "An ACK for our FIN arrived, so the closing side moves on to its next state.",
		"tcp_time_wait|":                   "The full socket is replaced by a small TIME_WAIT socket that holds the 4-tuple for 60 s.",
		"tcp_time_wait|tcp_max_tw_buckets": "The TIME_WAIT table is full (tcp_max_tw_buckets), so the socket is destroyed at once instead.",
		"tcp_timewait_state_process|":      "A segment reached a TIME_WAIT socket; it answers with an ACK, a reset or lets a new SYN reuse the port.",
		"tcp_reset|":                       "A valid RST arrived: the connection is torn down and the application sees ECONNRESET.",
		"tcp_disconnect|":                  "The connection is aborted: queues are purged and a RST is sent.",
		"tcp_write_timeout|":               "Retransmissions went unanswered too many times, so the kernel gives up on the connection.",
		"tcp_retransmit_timer|":            "The retransmission timer fired: the oldest unacknowledged segment is sent again and the timeout doubles.",
		"tcp_keepalive_timer|":             "The keepalive timer, also used for long FIN_WAIT2 lifetimes, fired.",
		"tcp_send_probe0|":                 "The peer advertises a zero window, so the persist timer sends a probe instead of the FIN.",
		"tcp_done|":                        "The socket is finished and freed.",
		"inet_csk_listen_stop|":            "The listener is stopped: children that were never accepted are reset.",
		"sk_stream_wait_close|":            "close() is blocked by SO_LINGER until the data is acknowledged or the linger time runs out.",
		"tcp_out_of_resources|":            "Too many orphans or too much memory: the kernel kills the orphaned connection with RST.",
		"tcp_shutdown|":                    "shutdown() closed the sending side only: a FIN leaves but the socket can still receive.",
	},
	ZH: {
		"tcp_close|":                       "应用关闭了套接字; tcp_close 决定发送 FIN 还是 RST, 套接字成为孤儿。",
		"tcp_close|data_was_unread > 0":    "接收队列里还有未读的字节, 所以 tcp_close 丢弃它们并发送 RST 而不是 FIN。",
		"tcp_close|linger 0":               "SO_LINGER 开启且超时为 0, 所以 close() 用 RST 中止连接而不是发送 FIN。",
		"tcp_close|close_state":            "没有未读数据也没有零 linger: close_state 表选出下一个状态并排队一个 FIN。",
		"tcp_close|LISTEN":                 "关闭监听套接字会停止监听并重置接受队列中仍在等待的每个连接。",
		"tcp_send_fin|":                    "如果还有排队的最后一个报文段, FIN 就附在它上面, 否则单独发出。",
		"tcp_fin|":                         "对端的 FIN 按序到达: 接收方向关闭, 应用将读到文件结束。",
		"tcp_rcv_state_process|":           "我们的 FIN 被确认了, 关闭的一方进入下一个状态。",
		"tcp_time_wait|":                   "完整套接字被一个小的 TIME_WAIT 套接字取代, 它占住四元组 60 秒。",
		"tcp_time_wait|tcp_max_tw_buckets": "TIME_WAIT 表已满 (tcp_max_tw_buckets), 所以套接字被立即销毁。",
		"tcp_timewait_state_process|":      "一个报文段到达 TIME_WAIT 套接字; 它回 ACK、重置, 或让新的 SYN 重用端口。",
		"tcp_reset|":                       "收到一个有效的 RST: 连接被拆除, 应用看到 ECONNRESET。",
		"tcp_disconnect|":                  "连接被中止: 队列被清空并发送 RST。",
		"tcp_write_timeout|":               "重传多次都没有回应, 内核放弃了这个连接。",
		"tcp_retransmit_timer|":            "重传定时器触发: 最早未确认的报文段被重发, 超时时间加倍。",
		"tcp_keepalive_timer|":             "保活定时器 (也用于较长的 FIN_WAIT2) 触发了。",
		"tcp_send_probe0|":                 "对端通告零窗口, 所以坚持定时器发送探测而不是 FIN。",
		"tcp_done|":                        "套接字结束并被释放。",
		"inet_csk_listen_stop|":            "监听被停止: 从未被 accept 的子连接被重置。",
		"sk_stream_wait_close|":            "SO_LINGER 让 close() 阻塞, 直到数据被确认或 linger 时间用完。",
		"tcp_out_of_resources|":            "孤儿太多或内存不足: 内核用 RST 杀掉这个孤儿连接。",
		"tcp_shutdown|":                    "shutdown() 只关闭了发送方向: 发出 FIN, 但套接字仍能接收。",
	},
}
