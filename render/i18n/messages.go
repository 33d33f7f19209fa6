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
	PacketInjected ID = "packet.injected" // %s the host it claims to come from, %s the receiver
	LegendInjected ID = "legend.injected"
	NoteFmt        ID = "packet.note" // %s
	Loading        ID = "app.error"   // %s error
	Clock          ID = "clock"       // %s now, %s end
	Speed          ID = "ctl.speed"   // %s
	FromFile       ID = "picker.file"
	NoticeClose    ID = "notice.close"
	FileOpened     ID = "file.opened" // %s file name, %s scenario name
	FileError      ID = "file.error"  // %s file name, %s what was wrong and where

	// The web page's toolbar (HTML buttons; the page takes their words from here).
	WebMenu           ID = "web.menu"
	WebMenuTitle      ID = "web.menu.title"
	WebCopyLink       ID = "web.copy_link"
	WebCopyLinkTitle  ID = "web.copy_link.title"
	WebCopyEmbed      ID = "web.copy_embed"
	WebCopyEmbedTitle ID = "web.copy_embed.title"
	WebOpenFile       ID = "web.open_file"
	WebOpenFileTitle  ID = "web.open_file.title"
	WebSavePNG        ID = "web.save_png"
	WebSavePNGTitle   ID = "web.save_png.title"
	WebSaveTrace      ID = "web.save_trace"
	WebSaveTraceTitle ID = "web.save_trace.title"
	WebSaveText       ID = "web.save_text"
	WebSaveTextTitle  ID = "web.save_text.title"
	WebLinkCopied     ID = "web.link_copied"
	WebEmbedCopied    ID = "web.embed_copied"
	WebCopyByHand     ID = "web.copy_by_hand"
	WebNoLinkForFile  ID = "web.no_link_for_file"
	WebSaved          ID = "web.saved" // %s file name

	// The page's loading screen (boot.js reads these from dist/messages.json, before the app runs).
	WebLoading      ID = "web.loading"
	WebLoadingOf    ID = "web.loading.of"     // %s loaded, %s total
	WebLoadingSoFar ID = "web.loading.so_far" // %s loaded
	WebStarting     ID = "web.starting"
	WebNoWasm       ID = "web.no_wasm"
	WebNoWebGL      ID = "web.no_webgl"
	WebIncomplete   ID = "web.incomplete"
	WebLoadFailed   ID = "web.load_failed"  // %s error
	WebStartFailed  ID = "web.start_failed" // %s error

	// The page's URL parameter messages (shown as text in the page).
	WebParamBad        ID = "web.param.bad"        // %s name, %s value, %s why, %s fallback
	WebParamUnreadable ID = "web.param.unreadable" // %s the part
	WebParamNoScenario ID = "web.param.no_scenario"
	WebParamProfiles   ID = "web.param.profiles" // %s scenario, %s profiles
	WebParamTime       ID = "web.param.time"
	WebParamSpeed      ID = "web.param.speed"
	WebParamBool       ID = "web.param.bool"
	WebParamOneOf      ID = "web.param.one_of" // %s choices
	WebParamID         ID = "web.param.id"
	WebParamNone       ID = "web.param.none"

	// The page's live region: the step on screen in words, for screen readers (render/app Step).
	WebStep       ID = "web.step"        // %s time, %s what happened
	WebStepNone   ID = "web.step.none"   //
	WebStepPacket ID = "web.step.packet" // %s sender, %s tcpdump label, %s receiver
	WebStepState  ID = "web.step.state"  // %s host, %s old state, %s new state
	WebStepCall   ID = "web.step.call"   // %s host, %s call, %s result
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
		PickerHint: "↑ ↓ Enter or 1 … 9 pick · Esc close", WhatIf: "what-if ×%d · u undoes",
		KindSyn: "syn", KindAck: "ack", KindData: "data", KindFin: "fin", KindRst: "rst",
		Reveal: "reveal", Restart: "restart", ThemeLight: "light", ThemeDark: "dark", Language: "EN · 中文",
		Conn: "conn %d", HelpTitle: "Keyboard shortcuts",
		HelpKeys:  "space\tplay / pause\n← →  PgUp PgDn\tprevious / next event\n+ −\tfaster / slower\nHome End\tfirst / last moment\ns\tscenario list (↑ ↓ Enter)\n1 … 9\tscenario by number\nn\tnext connection\n`\tterminal: ss, nstat, sockstat, tcpdump\nTab\tleave / return to the diagram\nr\trestart\nt\tlight / dark theme\nl\tlanguage\nv\treveal mode\nm\treduced motion\nf\tfull screen\nright-click\twhat-if: lose this packet / kill this process\nu  Backspace\tundo a what-if\ndrop a .json file\topen a scenario file\n?\tthis help",
		HelpClose: "press ? or Esc to close", OnlyProfile: "%s only",
		PacketDetail: "%s → %s  %s\nsent %s, arrives %s", Dropped: "dropped on the wire", NoteFmt: "(%s)",
		PacketInjected: "injected: a crafted segment that no host sent; it claims to come from %s and goes through %s's whole input path (tcp_v4_rcv)",
		LegendInjected: "injected",
		Loading:        "cannot run the scenario: %s", Clock: "%s / %s", Speed: "%s×",
		FromFile: "from a file", NoticeClose: "×",
		FileOpened: "Opened %s: scenario %s.", FileError: "Could not open %s. %s",
		WebMenu: "Share & save ▾", WebMenuTitle: "Open a scenario file, save this moment or its trace, copy a link or an embed",
		WebCopyLink: "Copy link", WebCopyLinkTitle: "Copy a link to this moment",
		WebCopyEmbed: "Copy embed code", WebCopyEmbedTitle: "Copy an <iframe> for slides and course pages",
		WebOpenFile: "Open scenario…", WebOpenFileTitle: "Open a scenario file (JSON); you can also drop one on the diagram",
		WebSavePNG: "Save PNG", WebSavePNGTitle: "Save this moment as a PNG image",
		WebSaveTrace: "Save trace", WebSaveTraceTitle: "Save the run's trace as JSON (the same as finwait trace -format json)",
		WebSaveText: "Save listing", WebSaveTextTitle: "Save the run's trace as a text listing",
		WebLinkCopied: "Link copied.", WebEmbedCopied: "Embed code copied.", WebCopyByHand: "Select and copy the text below:",
		WebNoLinkForFile: "A scenario opened from a file has no link: share the file itself.", WebSaved: "Saved %s.",
		WebLoading: "Loading the simulator…", WebLoadingOf: "Loading the simulator… %s of %s", WebLoadingSoFar: "Loading the simulator… %s",
		WebStarting:   "Starting…",
		WebNoWasm:     "This browser cannot run WebAssembly, which finwait needs. Try a current Firefox, Chrome, Edge or Safari.",
		WebNoWebGL:    "WebGL is unavailable in this browser (or disabled), and finwait draws with it. Enable hardware acceleration or try another browser.",
		WebIncomplete: "wasm_exec.js did not load; the site is incomplete.", WebLoadFailed: "finwait could not load: %s",
		WebStartFailed: "finwait could not start: %s",
		WebParamBad:    "%s=%s: %s; using %s.", WebParamUnreadable: "the URL's parameters could not all be read: %s",
		WebParamNoScenario: "no such scenario", WebParamProfiles: "scenario %s has the profiles %s",
		WebParamTime: "not a time (write 1.5s, 540ms or seconds)", WebParamSpeed: "speeds are 0.25, 0.5, 1, 2, 4, 8 or 16",
		WebParamBool: "want 1 or 0", WebParamOneOf: "want %s", WebParamID: "up to 32 letters, digits, - or _", WebParamNone: "none",
		WebStep: "%s: %s.", WebStepNone: "nothing has happened yet", WebStepPacket: "%s sends %s to %s",
		WebStepState: "%s goes from %s to %s", WebStepCall: "%s calls %s(), which returns %s",
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
		PickerHint: "↑ ↓ Enter 或 1 … 9 选择 · Esc 关闭", WhatIf: "假设 ×%d · u 撤销",
		KindSyn: "syn", KindAck: "ack", KindData: "数据", KindFin: "fin", KindRst: "rst",
		Reveal: "预览", Restart: "重新开始", ThemeLight: "浅色", ThemeDark: "深色", Language: "EN · 中文",
		Conn: "连接 %d", HelpTitle: "键盘快捷键",
		HelpKeys:  "空格\t播放 / 暂停\n← →  PgUp PgDn\t上一个 / 下一个事件\n+ −\t加速 / 减速\nHome End\t开头 / 结尾\ns\t场景列表 (↑ ↓ Enter)\n1 … 9\t按编号选场景\nn\t下一个连接\n`\t终端: ss、nstat、sockstat、tcpdump\nTab\t出画面 / 回到画面\nr\t重新开始\nt\t浅色 / 深色\nl\t语言\nv\t预览模式\nm\t减少动画\nf\t全屏\n右键\t假设: 丢弃这个包 / 杀死这个进程\nu\t撤销假设\n拖入 .json 文件\t打开场景文件\n?\t本帮助",
		HelpClose: "按 ? 或 Esc 关闭", OnlyProfile: "仅 %s",
		PacketDetail: "%s → %s  %s\n发送 %s, 到达 %s", Dropped: "在线路上被丢弃", NoteFmt: "(%s)",
		PacketInjected: "人为加入: 一个不是由任何一端发送的报文; 它看上去来自 %s, 经过 %s 完整的接收路径 (tcp_v4_rcv)",
		LegendInjected: "人为加入",
		Loading:        "无法运行场景: %s", Clock: "%s / %s", Speed: "%s×",
		FromFile: "来自文件", NoticeClose: "×",
		FileOpened: "已打开 %s: 场景 %s。", FileError: "无法打开 %s。%s",
		WebMenu: "分享与保存 ▾", WebMenuTitle: "打开场景文件, 保存此刻或轨迹, 复制链接或嵌入代码",
		WebCopyLink: "复制链接", WebCopyLinkTitle: "复制指向此刻的链接",
		WebCopyEmbed: "复制嵌入代码", WebCopyEmbedTitle: "复制用于幻灯片和课程页面的 <iframe>",
		WebOpenFile: "打开场景…", WebOpenFileTitle: "打开场景文件 (JSON); 也可以把文件拖到图上",
		WebSavePNG: "保存 PNG", WebSavePNGTitle: "把此刻保存为 PNG 图片",
		WebSaveTrace: "保存轨迹", WebSaveTraceTitle: "把这次运行的轨迹保存为 JSON (与 finwait trace -format json 相同)",
		WebSaveText: "保存列表", WebSaveTextTitle: "把这次运行的轨迹保存为文本列表",
		WebLinkCopied: "链接已复制。", WebEmbedCopied: "嵌入代码已复制。", WebCopyByHand: "请选中并复制下面的文本:",
		WebNoLinkForFile: "从文件打开的场景没有链接: 请直接分享文件。", WebSaved: "已保存 %s。",
		WebLoading: "正在加载模拟器…", WebLoadingOf: "正在加载模拟器… %s / %s", WebLoadingSoFar: "正在加载模拟器… %s",
		WebStarting:   "正在启动…",
		WebNoWasm:     "此浏览器无法运行 finwait 所需的 WebAssembly。请使用较新的 Firefox、Chrome、Edge 或 Safari。",
		WebNoWebGL:    "此浏览器中 WebGL 不可用 (或已禁用), 而 finwait 用它绘图。请开启硬件加速或换用其他浏览器。",
		WebIncomplete: "wasm_exec.js 没有加载: 站点文件不完整。", WebLoadFailed: "finwait 无法加载: %s",
		WebStartFailed: "finwait 无法启动: %s",
		WebParamBad:    "%s=%s: %s; 改用 %s。", WebParamUnreadable: "URL 参数没能全部读出: %s",
		WebParamNoScenario: "没有这个场景", WebParamProfiles: "场景 %s 的内核版本是 %s",
		WebParamTime: "不是时间 (写 1.5s、540ms 或秒数)", WebParamSpeed: "速度可选 0.25、0.5、1、2、4、8 或 16",
		WebParamBool: "应为 1 或 0", WebParamOneOf: "应为 %s 之一", WebParamID: "最多 32 个字母、数字、- 或 _", WebParamNone: "无",
		WebStep: "%s: %s。", WebStepNone: "还没有发生任何事", WebStepPacket: "%[1]s 向 %[3]s 发送 %[2]s",
		WebStepState: "%s 从 %s 变为 %s", WebStepCall: "%s 调用 %s(), 返回 %s",
	},
}

// Explanations keyed "fn|branch" with the core's exact path wording; a key with an empty branch
// is the function's general sentence (used when the core words a branch differently). A key whose
// branch is a prefix of the event's branch also matches.
var explain = map[Lang]map[string]string{
	EN: {
		"__inet_hash_connect|": "connect() needs a local port; the kernel searches the ephemeral range for one this destination does not already use.",
		"__inet_hash_connect|no ephemeral port free for this destination: EADDRNOTAVAIL, no SYN": "Every port in ip_local_port_range is still tied to this destination (many in TIME_WAIT), so connect() fails with EADDRNOTAVAIL before any SYN is sent.",
		"inet_csk_listen_stop|": "The listener is stopped: children that were never accepted are reset.",
		"inet_csk_listen_stop|listener closed: each child never accepted is aborted with RST": "Connections still waiting in the accept queue belong to nobody once the listener closes, so each is aborted with an RST.",
		"sk_stream_wait_close|": "close() is blocked by SO_LINGER until the data is acknowledged or the linger time runs out.",
		"sk_stream_wait_close|SO_LINGER > 0: close() sleeps while the FIN is unacknowledged": "SO_LINGER is on with a timeout, so close() does not return at once: it sleeps until the peer acknowledges the FIN or the linger time runs out.",
		"tcp_cleanup_rbuf|": "The application read data, so the receive window opens again.",
		"tcp_cleanup_rbuf|the application read enough to reopen the window: window update": "The application read enough to make room, so the kernel tells the peer at once with a window update instead of waiting.",
		"tcp_close|": "The application closed the socket; tcp_close decides between FIN and RST and the socket becomes an orphan.",
		"tcp_close|SO_LINGER {1, 0}: tcp_disconnect, abort with RST":                                  "SO_LINGER is on with a zero timeout, so close() aborts the connection with RST instead of sending a FIN; no TIME_WAIT follows.",
		"tcp_close|data_was_unread > 0: send RST, not FIN":                                            "The receive queue still held unread bytes, so tcp_close discards them and sends RST instead of FIN.",
		"tcp_close|listening socket: stop listening, abort the children never accepted":               "Closing a listener stops it and resets every connection still waiting in its accept queue.",
		"tcp_close|socket already in CLOSE (reset, or its connection already ended): nothing to send": "The connection was already over (reset, or fully closed), so close() only releases the file descriptor; nothing goes on the wire.",
		"tcp_fin|": "The peer's FIN arrived in order: the receive side is shut and the application will read end of file.",
		"tcp_fin|FIN in ESTABLISHED: CLOSE_WAIT, delayed-ACK (pingpong) mode":                "The peer's FIN arrived: this side enters CLOSE_WAIT, the application will read end of file, and the ACK is delayed so it can ride on our own FIN.",
		"tcp_fin|FIN in FIN_WAIT1, our FIN not acked: ACK now, CLOSING (simultaneous close)": "Both sides closed at once: the peer's FIN arrived before the ACK of ours, so this side ACKs it and waits in CLOSING.",
		"tcp_fin|FIN in FIN_WAIT2: ACK now, TIME_WAIT":                                       "Our FIN was acknowledged earlier; now the peer's FIN arrives, so this side ACKs it and enters TIME_WAIT for 60 s.",
		"tcp_out_of_resources|":                                                               "Too many orphans or too much memory: the kernel kills the orphaned connection with RST.",
		"tcp_out_of_resources|too many orphans: kill this orphan":                             "More orphaned sockets than tcp_max_orphans allows: the kernel kills this one instead of waiting for its FIN to be acknowledged.",
		"tcp_rcv_state_process|":                                                              "An ACK for our FIN arrived, so the closing side moves on to its next state.",
		"tcp_rcv_state_process|CLOSING and our FIN acked: TIME_WAIT":                          "The ACK of our FIN ends the simultaneous close: this side enters TIME_WAIT.",
		"tcp_rcv_state_process|LAST_ACK and our FIN acked: tcp_done":                          "The peer acknowledged our FIN, the last thing this side was waiting for, so the socket is destroyed at once: no TIME_WAIT on the passive side.",
		"tcp_rcv_state_process|new data after the receive side was shut: abort and reply RST": "Data arrived for a socket whose application can no longer read it, so the kernel aborts the connection and answers with RST.",
		"tcp_rcv_state_process|orphan FIN_WAIT2 with tcp_fin_time <= 60 s: hand over to a TIME_WAIT socket in substate FIN_WAIT2": "Nobody can read from this orphan any more, so the full socket is swapped for a small TIME_WAIT socket that waits for the peer's FIN (substate FIN_WAIT2).",
		"tcp_rcv_state_process|orphan FIN_WAIT2 with tcp_fin_time > 60 s: keepalive timer for the excess":                         "The FIN_WAIT2 lifetime is longer than 60 s, so the keepalive timer covers the excess before the small TIME_WAIT socket takes over.",
		"tcp_rcv_state_process|orphan FIN_WAIT2, segment carries FIN: keepalive timer, FIN handled next":                          "The segment that acknowledged our FIN also carries the peer's FIN, so FIN_WAIT2 lasts no time: the FIN is handled next.",
		"tcp_rcv_state_process|our FIN acked, orphan with linger2 < 0: tcp_done and reply RST":                                    "TCP_LINGER2 is negative: this orphan does not wait in FIN_WAIT2 at all; it is destroyed and answers with RST.",
		"tcp_rcv_state_process|our FIN acked, socket still owned: FIN_WAIT2 without a timer":                                      "Our FIN was acknowledged, but the application still holds the socket (half close), so FIN_WAIT2 has no timer: it waits for the peer's FIN as long as it takes.",
		"tcp_retransmit_timer|": "The retransmission timer fired: the oldest unacknowledged segment is sent again and the timeout doubles.",
		"tcp_retransmit_timer|RTO expired: retransmit the head of the queue, double the RTO": "No ACK came back in time, so the oldest unacknowledged segment is sent again and the retransmission timeout doubles.",
		"tcp_send_fin|": "The FIN rides on the last queued segment if there is one, otherwise it leaves as its own segment.",
		"tcp_send_fin|everything sent: queue a bare FIN":                            "All data has already left, so the FIN goes out as its own segment.",
		"tcp_send_fin|unsent data queued: the FIN rides on the last unsent segment": "Data is still waiting to be sent, so the FIN is set on the last queued segment and leaves with it, not before.",
		"tcp_send_loss_probe|": "Tail loss probe: the last segment is sent again early, in case it was lost.",
		"tcp_send_loss_probe|tail loss probe: re-send the last segment in flight": "Nothing was acknowledged for a short while, so the kernel re-sends the last segment early (a tail loss probe) rather than waiting for the full RTO.",
		"tcp_send_probe0|": "The peer advertises a zero window, so the persist timer sends a probe instead of the FIN.",
		"tcp_send_probe0|zero window: send a zero-length probe (seq = snd_una - 1)": "The peer's window is zero, so nothing (not even the FIN) may be sent; a zero-length probe asks whether the window has opened.",
		"tcp_shutdown|": "shutdown() closed the sending side only: a FIN leaves but the socket can still receive.",
		"tcp_shutdown|SHUT_WR: send FIN, keep receiving (half close)": "shutdown(SHUT_WR) closes only the sending side: a FIN leaves, but the socket keeps receiving (half close).",
		"tcp_time_wait|": "The full socket is replaced by a small TIME_WAIT socket that holds the 4-tuple for 60 s.",
		"tcp_time_wait|tcp_max_tw_buckets reached: no TIME_WAIT socket, the connection just closes": "The TIME_WAIT table is full (tcp_max_tw_buckets), so no TIME_WAIT socket is made: the connection just closes and TCPTimeWaitOverflow counts it.",
		"tcp_timewait_state_process|": "A segment reached a TIME_WAIT socket; it answers with an ACK, a reset or lets a new SYN reuse the port.",
		"tcp_timewait_state_process|new data for a FIN_WAIT2 TIME_WAIT socket: reply RST, socket deleted": "New data reached a socket whose application is gone, so it answers with RST and the TIME_WAIT socket is deleted.",
		"tcp_timewait_state_process|peer's FIN in FIN_WAIT2 substate: TIME_WAIT, timer restarted at 60 s": "The peer's FIN finally arrives: the small socket moves from substate FIN_WAIT2 to TIME_WAIT and its timer restarts at 60 s.",
		"tcp_timewait_state_process|segment for a TIME_WAIT socket: answer with the TIME_WAIT ACK":        "A segment reached the TIME_WAIT socket (here the peer's FIN again, as our last ACK was lost), so it sends its ACK once more and the 60 s start again: this is what TIME_WAIT is for.",
		"tcp_timewait_state_process|RST in FIN_WAIT2 substate: TIME_WAIT socket deleted":                  "An RST reached the small socket still waiting for the peer's FIN, so it is deleted at once: nothing is left of the connection.",
		"reqsk_timer_handler|": "A request socket's timer fired: it sends its SYN-ACK again, or gives up.",
		"tcp_v4_rcv|request's listener is closed: request dropped, segment looked up again":                             "The segment belongs to a half-open request whose listener has been closed, so the request is dropped and the segment is handled as if it had found nothing: an RST answers it.",
		"tcp_check_req|RST inside the request's window":                                                                 "An RST inside the half-open request's window ends the attempt: the request is dropped and counted (TcpAttemptFails, TcpExtEmbryonicRsts); no answer is sent to an RST.",
		"tcp_check_req|RST outside the request's window":                                                                "An RST outside the half-open request's window is dropped silently: the request lives on.",
		"tcp_timewait_state_process|RST at rcv_nxt kills TIME_WAIT (tcp_rfc1337 = 0: assassination)":                    "An RST in sequence reached the TIME_WAIT socket and, with tcp_rfc1337 at 0, kills it at once: the 60 s that were to protect against old duplicates end early (TIME_WAIT assassination, RFC 1337).",
		"tcp_timewait_state_process|acceptable SYN for a TIME_WAIT 4-tuple: TIME_WAIT ends, the listener takes the SYN": "A new SYN for the same four-tuple arrived with a higher sequence number (or newer timestamp), so the old connection's TIME_WAIT gives way and the listener answers it as a new connection.",
		"tcp_validate_incoming|SYN on a synchronized socket: challenge ACK (RFC 5961)":                                  "A SYN reached a connection that is already established (here a SYN-ACK that was held up on the wire), so the kernel answers with a challenge ACK instead of trusting it (RFC 5961).",
		"reqsk_timer_handler|request given up (or its listener is gone): dropped silently":                              "The SYN-ACK was sent tcp_synack_retries times without the handshake completing (or the listener is gone), so the request is dropped without a word to the client.",
		"tcp_twsk_unique|": "connect() may reuse a 4-tuple still held by a TIME_WAIT socket when tcp_tw_reuse allows it.",
		"tcp_twsk_unique|TIME_WAIT 4-tuple taken over by a new connect()": "tcp_tw_reuse lets the new connect() take over the 4-tuple of a TIME_WAIT socket (timestamps make old duplicates harmless).",
		"tcp_v4_conn_request|": "A SYN reached a listener and a request socket is made for it.",
		"tcp_v4_conn_request|tw_recycle: SYN timestamp older than the peer's cached one: dropped silently": "tw_recycle remembers the last timestamp per peer address; behind a NAT the second client's clock is behind, so its SYN is dropped without a reply.",
		"tcp_conn_request|": "A SYN reached a listener; the kernel decides whether to keep a request for it.",
		"tcp_conn_request|request queue full: SYN cookie, no request kept": "More handshakes are half open than the listen backlog allows, so the listener answers with a SYN cookie: the SYN-ACK's sequence number encodes the request, and nothing is kept until the ACK comes back.",
		"cookie_v4_check|": "An ACK reached a listener that holds no request for it; it may bring back a SYN cookie.",
		"cookie_v4_check|ACK brings back a valid SYN cookie: make the connection now, if the accept queue has room": "The ACK brings back the SYN cookie the listener sent, so the connection is made from it now, if the accept queue has room; if not, the ACK is dropped (ListenOverflows) and the client believes it is connected.",
		"tcp_rcv_synsent_state_process|":                                          "A segment arrived while our SYN waits for its answer.",
		"tcp_rcv_synsent_state_process|RST answering our SYN: connection refused": "The peer answered our SYN with RST: nothing listens on that port, so connect() fails with ECONNREFUSED and the socket closes.",
		"tcp_keepalive_timer|":                                                    "The keepalive timer fired: an idle connection is probed, or an orphan's FIN_WAIT2 time is up.",
		"tcp_keepalive_timer|keepalive probes unanswered: reset the connection":   "Every keepalive probe went unanswered, so the kernel gives up on the peer: it sends RST and the connection fails with ETIMEDOUT.",
		"tcp_v4_rcv|": "A segment arrived and is matched to a socket.",
		"tcp_v4_rcv|no socket for this segment: reply RST":                                             "No socket matches this segment any more (the connection is gone), so the kernel answers with RST.",
		"tcp_validate_incoming|":                                                                       "An incoming segment is checked against the window before it is processed.",
		"tcp_validate_incoming|RST inside the receive window: tcp_reset":                               "An RST inside the receive window is accepted: the connection is reset and the application sees ECONNRESET.",
		"tcp_validate_incoming|RST with seq == rcv_nxt: tcp_reset":                                     "The RST carries exactly the expected sequence number, so it is accepted: the connection is reset and the application sees ECONNRESET.",
		"tcp_write_timeout|":                                                                           "Retransmissions went unanswered too many times, so the kernel gives up on the connection.",
		"tcp_write_timeout|SYN retransmissions exhausted: connect() fails with ETIMEDOUT":              "The SYN was retransmitted tcp_syn_retries times without an answer, so connect() fails with ETIMEDOUT.",
		"tcp_write_timeout|orphan retransmissions timed out (tcp_orphan_retries): give up without RST": "The orphan re-sent its FIN tcp_orphan_retries times with no answer, so the kernel gives up and frees it silently, without an RST.",
		"tcp_write_wakeup|": "The persist timer found the window open enough to send data.",
		"tcp_write_wakeup|persist timer: the window admits part of the next segment, send it": "The window opened a little, so the persist timer sends as much of the next segment as now fits.",
		"tcp_reset|":      "A valid RST arrived: the connection is torn down and the application sees ECONNRESET.",
		"tcp_disconnect|": "The connection is aborted: queues are purged and a RST is sent.",
		"tcp_done|":       "The socket is finished and freed.",
	},
	ZH: {
		"__inet_hash_connect|": "connect() 需要一个本地端口; 内核在临时端口范围里找一个尚未被这个目的地使用的端口。",
		"__inet_hash_connect|no ephemeral port free for this destination: EADDRNOTAVAIL, no SYN": "ip_local_port_range 里的每个端口都还被这个目的地占用 (许多处于 TIME_WAIT), 所以 connect() 在发出 SYN 之前就以 EADDRNOTAVAIL 失败。",
		"inet_csk_listen_stop|": "监听被停止: 从未被 accept 的子连接被重置。",
		"inet_csk_listen_stop|listener closed: each child never accepted is aborted with RST": "监听套接字关闭后, 仍在接受队列中等待的连接无人认领, 每个都用 RST 中止。",
		"sk_stream_wait_close|": "SO_LINGER 让 close() 阻塞, 直到数据被确认或 linger 时间用完。",
		"sk_stream_wait_close|SO_LINGER > 0: close() sleeps while the FIN is unacknowledged": "SO_LINGER 开启且有超时, 所以 close() 不会立即返回: 它一直等到对端确认 FIN 或 linger 时间用完。",
		"tcp_cleanup_rbuf|": "应用读取了数据, 接收窗口重新打开。",
		"tcp_cleanup_rbuf|the application read enough to reopen the window: window update": "应用读得足够多, 腾出了空间, 所以内核立即发送窗口更新通知对端, 而不是等待。",
		"tcp_close|": "应用关闭了套接字; tcp_close 决定发送 FIN 还是 RST, 套接字成为孤儿。",
		"tcp_close|SO_LINGER {1, 0}: tcp_disconnect, abort with RST":                                  "SO_LINGER 开启且超时为 0, 所以 close() 用 RST 中止连接而不是发送 FIN; 之后没有 TIME_WAIT。",
		"tcp_close|data_was_unread > 0: send RST, not FIN":                                            "接收队列里还有未读的字节, 所以 tcp_close 丢弃它们并发送 RST 而不是 FIN。",
		"tcp_close|listening socket: stop listening, abort the children never accepted":               "关闭监听套接字会停止监听并重置接受队列中仍在等待的每个连接。",
		"tcp_close|socket already in CLOSE (reset, or its connection already ended): nothing to send": "连接已经结束 (被重置或已完全关闭), 所以 close() 只释放文件描述符, 线路上什么也不发。",
		"tcp_fin|": "对端的 FIN 按序到达: 接收方向关闭, 应用将读到文件结束。",
		"tcp_fin|FIN in ESTABLISHED: CLOSE_WAIT, delayed-ACK (pingpong) mode":                "对端的 FIN 到达: 本端进入 CLOSE_WAIT, 应用将读到文件结束, ACK 被延迟, 以便附在我们自己的 FIN 上。",
		"tcp_fin|FIN in FIN_WAIT1, our FIN not acked: ACK now, CLOSING (simultaneous close)": "双方同时关闭: 对端的 FIN 在我们 FIN 的确认之前到达, 所以本端确认它并在 CLOSING 中等待。",
		"tcp_fin|FIN in FIN_WAIT2: ACK now, TIME_WAIT":                                       "我们的 FIN 之前已被确认; 现在对端的 FIN 到达, 本端确认它并进入 TIME_WAIT, 持续 60 秒。",
		"tcp_out_of_resources|":                                                               "孤儿太多或内存不足: 内核用 RST 杀掉这个孤儿连接。",
		"tcp_out_of_resources|too many orphans: kill this orphan":                             "孤儿套接字超过了 tcp_max_orphans 的限制: 内核杀掉这一个, 而不是等它的 FIN 被确认。",
		"tcp_rcv_state_process|":                                                              "我们的 FIN 被确认了, 关闭的一方进入下一个状态。",
		"tcp_rcv_state_process|CLOSING and our FIN acked: TIME_WAIT":                          "我们 FIN 的确认结束了同时关闭: 本端进入 TIME_WAIT。",
		"tcp_rcv_state_process|LAST_ACK and our FIN acked: tcp_done":                          "对端确认了我们的 FIN, 这是本端等待的最后一件事, 所以套接字立即销毁: 被动关闭方没有 TIME_WAIT。",
		"tcp_rcv_state_process|new data after the receive side was shut: abort and reply RST": "数据到达了一个应用已无法读取的套接字, 所以内核中止连接并回复 RST。",
		"tcp_rcv_state_process|orphan FIN_WAIT2 with tcp_fin_time <= 60 s: hand over to a TIME_WAIT socket in substate FIN_WAIT2": "这个孤儿已无人读取, 所以完整套接字被换成一个小的 TIME_WAIT 套接字, 在子状态 FIN_WAIT2 中等待对端的 FIN。",
		"tcp_rcv_state_process|orphan FIN_WAIT2 with tcp_fin_time > 60 s: keepalive timer for the excess":                         "FIN_WAIT2 的时长超过 60 秒, 所以先由保活定时器覆盖超出的部分, 再交给小的 TIME_WAIT 套接字。",
		"tcp_rcv_state_process|orphan FIN_WAIT2, segment carries FIN: keepalive timer, FIN handled next":                          "确认我们 FIN 的报文段同时带着对端的 FIN, 所以 FIN_WAIT2 瞬间结束: 接着处理这个 FIN。",
		"tcp_rcv_state_process|our FIN acked, orphan with linger2 < 0: tcp_done and reply RST":                                    "TCP_LINGER2 为负: 这个孤儿根本不在 FIN_WAIT2 中等待; 它被销毁并回复 RST。",
		"tcp_rcv_state_process|our FIN acked, socket still owned: FIN_WAIT2 without a timer":                                      "我们的 FIN 已被确认, 但应用仍持有套接字 (半关闭), 所以 FIN_WAIT2 没有定时器: 它一直等待对端的 FIN。",
		"tcp_retransmit_timer|": "重传定时器触发: 最早未确认的报文段被重发, 超时时间加倍。",
		"tcp_retransmit_timer|RTO expired: retransmit the head of the queue, double the RTO": "没有及时收到 ACK, 所以最早未确认的报文段被重发, 重传超时加倍。",
		"tcp_send_fin|": "如果还有排队的最后一个报文段, FIN 就附在它上面, 否则单独发出。",
		"tcp_send_fin|everything sent: queue a bare FIN":                            "所有数据都已发出, 所以 FIN 作为单独的报文段发出。",
		"tcp_send_fin|unsent data queued: the FIN rides on the last unsent segment": "还有数据等待发送, 所以 FIN 被设置在最后一个排队的报文段上, 随它一起发出, 而不是提前。",
		"tcp_send_loss_probe|": "尾部丢失探测: 提前重发最后一个报文段, 以防它丢了。",
		"tcp_send_loss_probe|tail loss probe: re-send the last segment in flight": "一小段时间内没有任何确认, 所以内核提前重发最后一个报文段 (尾部丢失探测), 而不是等待完整的 RTO。",
		"tcp_send_probe0|": "对端通告零窗口, 所以坚持定时器发送探测而不是 FIN。",
		"tcp_send_probe0|zero window: send a zero-length probe (seq = snd_una - 1)": "对端窗口为零, 什么都不能发 (连 FIN 也不行); 一个零长度的探测询问窗口是否已打开。",
		"tcp_shutdown|": "shutdown() 只关闭了发送方向: 发出 FIN, 但套接字仍能接收。",
		"tcp_shutdown|SHUT_WR: send FIN, keep receiving (half close)": "shutdown(SHUT_WR) 只关闭发送方向: 发出 FIN, 但套接字继续接收 (半关闭)。",
		"tcp_time_wait|": "完整套接字被一个小的 TIME_WAIT 套接字取代, 它占住四元组 60 秒。",
		"tcp_time_wait|tcp_max_tw_buckets reached: no TIME_WAIT socket, the connection just closes": "TIME_WAIT 表已满 (tcp_max_tw_buckets), 所以不创建 TIME_WAIT 套接字: 连接直接关闭, TCPTimeWaitOverflow 计数加一。",
		"tcp_timewait_state_process|": "一个报文段到达 TIME_WAIT 套接字; 它回 ACK、重置, 或让新的 SYN 重用端口。",
		"tcp_timewait_state_process|segment for a TIME_WAIT socket: answer with the TIME_WAIT ACK": "一个报文段到达 TIME_WAIT 套接字 (这里是对端又发来的 FIN, 因为我们最后的 ACK 丢了), 所以它再发一次 ACK, 60 秒重新开始计时: TIME_WAIT 正是为此而存在。",
		"tcp_timewait_state_process|RST in FIN_WAIT2 substate: TIME_WAIT socket deleted":           "一个 RST 到达仍在等待对端 FIN 的小套接字, 所以它立即被删除: 这个连接什么也不剩。",
		"reqsk_timer_handler|": "请求套接字的定时器触发: 再发一次 SYN-ACK, 或者放弃。",
		"tcp_v4_rcv|request's listener is closed: request dropped, segment looked up again":                             "这个报文段属于一个半开的请求, 而它的监听套接字已经关闭, 所以请求被丢弃, 报文段被当作什么也没找到来处理: 回一个 RST。",
		"tcp_check_req|RST inside the request's window":                                                                 "序号在半连接请求窗口内的 RST 结束这次连接: 请求被丢弃并计数 (TcpAttemptFails, TcpExtEmbryonicRsts); 对 RST 不作任何回复。",
		"tcp_check_req|RST outside the request's window":                                                                "序号不在半连接请求窗口内的 RST 被悄悄丢弃: 请求仍在。",
		"tcp_timewait_state_process|RST at rcv_nxt kills TIME_WAIT (tcp_rfc1337 = 0: assassination)":                    "一个序号正确的 RST 到达 TIME_WAIT 套接字, 因为 tcp_rfc1337 为 0, 它立即被杀死: 本应防范旧重复报文的 60 秒提前结束 (TIME_WAIT 暗杀, RFC 1337)。",
		"tcp_timewait_state_process|acceptable SYN for a TIME_WAIT 4-tuple: TIME_WAIT ends, the listener takes the SYN": "同一四元组的新 SYN 带着更大的序列号 (或更新的时间戳) 到来, 所以旧连接的 TIME_WAIT 让路, 监听套接字把它当作新连接来回答。",
		"tcp_validate_incoming|SYN on a synchronized socket: challenge ACK (RFC 5961)":                                  "一个 SYN 到达已经建立的连接 (这里是在线路上被耽搁的 SYN-ACK), 所以内核不信任它, 而是回一个挑战 ACK (RFC 5961)。",
		"reqsk_timer_handler|request given up (or its listener is gone): dropped silently":                              "SYN-ACK 已经发了 tcp_synack_retries 次, 握手仍未完成 (或者监听套接字已不在), 所以请求被丢弃, 不通知客户端。",
		"tcp_timewait_state_process|new data for a FIN_WAIT2 TIME_WAIT socket: reply RST, socket deleted":               "新数据到达一个应用已经不在的套接字, 所以它回复 RST, TIME_WAIT 套接字被删除。",
		"tcp_timewait_state_process|peer's FIN in FIN_WAIT2 substate: TIME_WAIT, timer restarted at 60 s":               "对端的 FIN 终于到达: 小套接字从子状态 FIN_WAIT2 进入 TIME_WAIT, 定时器重新从 60 秒开始。",
		"tcp_twsk_unique|": "当 tcp_tw_reuse 允许时, connect() 可以重用仍被 TIME_WAIT 套接字占用的四元组。",
		"tcp_twsk_unique|TIME_WAIT 4-tuple taken over by a new connect()": "tcp_tw_reuse 让新的 connect() 接管一个 TIME_WAIT 套接字的四元组 (时间戳让旧的重复报文无害)。",
		"tcp_v4_conn_request|": "一个 SYN 到达监听套接字, 为它创建一个请求套接字。",
		"tcp_v4_conn_request|tw_recycle: SYN timestamp older than the peer's cached one: dropped silently": "tw_recycle 按对端地址记住最后的时间戳; 在 NAT 之后第二个客户端的时钟较慢, 所以它的 SYN 被丢弃且没有回复。",
		"tcp_conn_request|": "一个 SYN 到达监听套接字; 内核决定是否为它保留一个请求。",
		"tcp_conn_request|request queue full: SYN cookie, no request kept": "半开的握手超过了 listen 的 backlog, 所以监听套接字用 SYN cookie 回答: SYN-ACK 的序列号编码了这个请求, 在 ACK 回来之前什么都不保留。",
		"cookie_v4_check|": "一个 ACK 到达监听套接字, 却没有对应的请求; 它可能带回了 SYN cookie。",
		"cookie_v4_check|ACK brings back a valid SYN cookie: make the connection now, if the accept queue has room": "这个 ACK 带回了监听套接字发出的 SYN cookie, 所以现在据此建立连接, 前提是 accept 队列还有空位; 否则丢弃这个 ACK (ListenOverflows), 而客户端以为已经连上。",
		"tcp_rcv_synsent_state_process|":                                          "我们的 SYN 还在等待回答时到达了一个报文段。",
		"tcp_rcv_synsent_state_process|RST answering our SYN: connection refused": "对端用 RST 回答了我们的 SYN: 那个端口上没有监听, 所以 connect() 以 ECONNREFUSED 失败, 套接字关闭。",
		"tcp_keepalive_timer|":                                                    "保活定时器触发: 探测空闲的连接, 或者孤儿套接字的 FIN_WAIT2 时间到了。",
		"tcp_keepalive_timer|keepalive probes unanswered: reset the connection":   "所有保活探测都没有回应, 内核放弃对端: 发送 RST, 连接以 ETIMEDOUT 失败。",
		"tcp_v4_rcv|": "一个报文段到达并被匹配到套接字。",
		"tcp_v4_rcv|no socket for this segment: reply RST":                                             "已经没有套接字与这个报文段匹配 (连接已不存在), 所以内核回复 RST。",
		"tcp_validate_incoming|":                                                                       "处理之前先检查到达的报文段是否在窗口内。",
		"tcp_validate_incoming|RST inside the receive window: tcp_reset":                               "接收窗口内的 RST 被接受: 连接被重置, 应用看到 ECONNRESET。",
		"tcp_validate_incoming|RST with seq == rcv_nxt: tcp_reset":                                     "RST 的序号正好是期望的序号, 所以被接受: 连接被重置, 应用看到 ECONNRESET。",
		"tcp_write_timeout|":                                                                           "重传多次都没有回应, 内核放弃了这个连接。",
		"tcp_write_timeout|SYN retransmissions exhausted: connect() fails with ETIMEDOUT":              "SYN 重传了 tcp_syn_retries 次都没有回应, 所以 connect() 以 ETIMEDOUT 失败。",
		"tcp_write_timeout|orphan retransmissions timed out (tcp_orphan_retries): give up without RST": "孤儿重发 FIN 达到 tcp_orphan_retries 次仍无回应, 所以内核放弃并悄悄释放它, 不发 RST。",
		"tcp_write_wakeup|": "坚持定时器发现窗口已足够打开, 可以发送数据。",
		"tcp_write_wakeup|persist timer: the window admits part of the next segment, send it": "窗口打开了一点, 所以坚持定时器把下一个报文段中现在能放下的部分发出去。",
		"tcp_reset|":      "收到一个有效的 RST: 连接被拆除, 应用看到 ECONNRESET。",
		"tcp_disconnect|": "连接被中止: 队列被清空并发送 RST。",
		"tcp_done|":       "套接字结束并被释放。",
	},
}
