package i18n

import "strings"

// Words that the core and the catalog write in English, for a Chinese screen (issue 13): the
// catalog's one-line descriptions, the kernel's branch lines (the core's wording of each decision,
// as the trace keeps it), the notes on packets and the details of calls. The trace itself stays
// in English (it is the CLI's output and the conformance harness's input); only what is drawn is
// translated. Each table is static data, {English, 中文}, searched in order: a map literal's
// entries would each be code in the page's .wasm.

type pair struct{ en, zh string }

// ProfileLabel is how the profile switch names a profile (the kernel versions of the spec's §0);
// short is the version alone, for a narrow top bar.
func ProfileLabel(lang Lang, p string, short bool) string {
	switch {
	case p == "modern" && short:
		return "6.18"
	case p == "modern" && lang == ZH:
		return "新内核 6.18"
	case p == "modern":
		return "modern 6.18"
	case p == "2.6":
		return "2.6.32"
	}
	return p
}

// Summary is a catalog scenario's one-line description in lang (a scenario file's own stays as
// written).
func Summary(lang Lang, en string) string {
	if lang != ZH {
		return en
	}
	h := uint32(2166136261)
	for i := 0; i < len(en); i++ {
		h = (h ^ uint32(en[i])) * 16777619
	}
	for _, p := range summariesZH {
		if p.en == h {
			return p.zh
		}
	}
	return en
}

// Branch is the core's wording of a kernel decision (trace.Event.Branch) in lang.
func Branch(lang Lang, en string) string { return lookup(branchesZH[:], lang, en) }

// Note is why a segment left (trace.Event.Note) in lang.
func Note(lang Lang, en string) string { return lookup(notesZH[:], lang, en) }

// CallDetail is a call's arguments as the trace words them (trace.Event.Detail) in lang: its
// English words replaced, its numbers, addresses and option names kept.
func CallDetail(lang Lang, en string) string {
	if lang != ZH {
		return en
	}
	if en == "all" {
		return "全部"
	}
	for _, w := range callWordsZH {
		en = strings.ReplaceAll(en, w.en, w.zh)
	}
	return en
}

// lookup is out of line: inlined, its loop was code at every call site in the page's .wasm.
//
//go:noinline
func lookup(t []pair, lang Lang, en string) string {
	if lang == ZH {
		for _, p := range t {
			if p.en == en {
				return p.zh
			}
		}
	}
	return en
}

var callWordsZH = [...]pair{
	{"from port", "本地端口"},
	{"parent: other fds remain", "进程: 描述符没有全部关闭"},
	{"parent -> child", "进程 -> 子进程"},
	{"child (SIGKILL)", "子进程 (SIGKILL)"},
	{"port ", "端口 "},
	{"(window ", "(窗口 "},
	{"getsockopt reads", "getsockopt() 读出"},
}

var notesZH = [...]pair{
	{"abort_on_close", "关闭时中止"},
	{"delayed_ack", "延迟确认"},
	{"disconnect", "中止"},
	{"dsack", "重复段的 SACK (D-SACK)"},
	{"dupack", "重复 ACK"},
	{"keepalive", "保活探测"},
	{"loss_probe", "尾部丢失探测"},
	{"out_of_resources", "孤儿太多或内存不足"},
	{"probe", "探测"},
	{"reply_rst", "回复 RST"},
	{"retransmit", "重传"},
	{"timewait_ack", "TIME_WAIT 的 ACK"},
	{"window_update", "窗口更新"},
}

// summariesZH is keyed by the FNV-1a hash of the English sentence: the catalog holds the sentence
// itself, and a description that changes no longer matches its old translation.
var summariesZH = [...]struct {
	en uint32
	zh string
}{
	{0xec71e234, "A 发送 100 字节后关闭; B 读到 EOF 立即关闭: FIN、FIN、ACK, A 上 60 秒的 TIME_WAIT"},                               // A sends 100 bytes and closes; B reads EOF and closes at once
	{0x8de62d33, "B 发来的 100 字节还没读, A 就关闭: 发 RST 而不是 FIN (TCPAbortOnClose)"},                                       // A closes while 100 bytes B sent are unread: RST instead of F
	{0xb48d4342, "SO_LINGER {1, 0}: close() 立即用 RST 中止, 没有 TIME_WAIT (TCPAbortOnData)"},                           // SO_LINGER {1, 0}: close() aborts with RST at once, no TIME_W
	{0x51616db0, "SO_LINGER {1, 2} 而 B 的 ACK 丢失: close() 阻塞 2 秒, 之后孤儿套接字一直重传直到送达"},                                // SO_LINGER {1, 2} while B's ACKs are lost: close() blocks 2 s
	{0x4499243d, "A 对着零窗口发送直到发不出, 再关闭: 立即进入 FIN_WAIT1, FIN 排在 2772 个未发送字节之后, 随最后一段发出"},                            // A fills a zero window, then closes: FIN_WAIT1 at once, the F
	{0xfbf7dd2d, "双方在 100 ms 的线路上同时关闭: 2 个 FIN 同时在线路上, 双方都经 CLOSING 进入 TIME_WAIT"},                                // Both close at the same instant on a 100 ms wire: the FINs cr
	{0x73b4501d, "A 调用 shutdown(SHUT_WR): B 继续向半关闭的 A 发送 3 × 100 字节, 之后关闭"},                                       // A shutdown(SHUT_WR): B keeps sending 3 × 100 bytes to the ha
	{0x25322547, "tcp_fin_timeout 3 秒: A 的 FIN_WAIT2 悄悄结束; B 迟到的数据换来一个 RST (EPIPE)"},                              // tcp_fin_timeout 3 s: A's FIN_WAIT2 ends silently; B's late d
	{0x25aadec8, "TCP_LINGER2 = -1: 根本没有 FIN_WAIT2; 对 A 的 FIN 的确认换来一个 RST (TCPAbortOnData)"},                      // TCP_LINGER2 = -1: no FIN_WAIT2 at all; the ACK of A's FIN is
	{0xbf047f93, "TCP_LINGER2 200 (上限 120 秒) 让完整的 FIN_WAIT2 孤儿由保活定时器计时; TCP_LINGER2 10 则是一个 10 秒的 TIME_WAIT 套接字"}, // TCP_LINGER2 200 (capped at 120 s) keeps a full FIN_WAIT2 orp
	{0x6f81273d, "tcp_orphan_retries 2, B 的 ACK 全部丢失: 孤儿重发 FIN, 之后放弃, 不发 RST"},                                    // tcp_orphan_retries 2 and every ACK from B lost: the orphan r
	{0x01bc413f, "A 关闭一个监听套接字, 它的 2 个连接从未被 accept(): 每个子连接都被重置, 有一个带着 10 个未读字节"},                                  // A closes a listener with two connections never accepted: eac
	{0x2a71b8fe, "tcp_max_tw_buckets 0: 先关闭的一方根本得不到 TIME_WAIT 套接字"},                                               // tcp_max_tw_buckets 0: the active closer gets no TIME_WAIT so
	{0x675436a7, "只有一个临时端口且处于 TIME_WAIT: tcp_tw_reuse 为 0 或 2 时 connect() 失败, 为 1 时等 TIME_WAIT 套接字超过 1 秒就可以连上"},   // One ephemeral port in TIME_WAIT: connect() fails with tcp_tw
	{0x6c197836, "同 fin_after_pending_send, 但持有 A 套接字的进程被 SIGKILL 杀死: 排队的数据仍会送达"},                                 // As fin_after_pending_send, but the process holding A's socke
	{0xf1c5900e, "tcp_max_orphans 2, 四个孤儿的 ACK 都丢失: 每 100 ms 更新一次的孤儿计数让四个都在第一次 RTO 时被重置"},                         // tcp_max_orphans 2 and four orphans whose ACKs are lost: the
	{0xa83be0be, "B 开启 tw_recycle, 2 个客户端在同一个 NAT 之后, 时间戳时钟并不同步: 第二个客户端的 SYN 被丢弃 (PAWSPassive)"},                  // tw_recycle on B and two clients behind one NAT with unrelate
	{0xfe6a3582, "只有四个临时端口, 连接都由 A 随即关闭: TIME_WAIT 占住全部端口, connect() 失败, 直到 tcp_tw_reuse 设为 1"},                   // Four ephemeral ports and short connections closed by A: TIME
}

var branchesZH = [...]pair{
	{"ACK brings back a valid SYN cookie: make the connection now, if the accept queue has room", "ACK 带回有效的 SYN cookie: 如果 accept() 队列有空位, 现在建立连接"},
	{"CLOSING and our FIN acked: TIME_WAIT", "CLOSING 中我们的 FIN 被确认: TIME_WAIT"},
	{"FIN in ESTABLISHED: CLOSE_WAIT, delayed-ACK (pingpong) mode", "ESTABLISHED 中收到 FIN: CLOSE_WAIT, 延迟 ACK (pingpong) 模式"},
	{"FIN in FIN_WAIT1, our FIN not acked: ACK now, CLOSING (simultaneous close)", "FIN_WAIT1 中收到 FIN, 我们的 FIN 未被确认: 立即 ACK, CLOSING (同时关闭)"},
	{"FIN in FIN_WAIT2: ACK now, TIME_WAIT", "FIN_WAIT2 中收到 FIN: 立即 ACK, TIME_WAIT"},
	{"LAST_ACK and our FIN acked: tcp_done", "LAST_ACK 中我们的 FIN 被确认: tcp_done"},
	{"RST answering our SYN: connection refused", "RST 回答我们的 SYN: connect() 失败"},
	{"RST at rcv_nxt kills TIME_WAIT (tcp_rfc1337 = 0: assassination)", "序号为 rcv_nxt 的 RST 杀死 TIME_WAIT (tcp_rfc1337 = 0: 暗杀)"},
	{"RST in FIN_WAIT2 substate: TIME_WAIT socket deleted", "子状态 FIN_WAIT2 中收到 RST: 删除 TIME_WAIT 套接字"},
	{"RST inside the receive window: tcp_reset", "RST 在接收窗口内: tcp_reset"},
	{"RST inside the request's window", "RST 在请求的窗口内"},
	{"RST outside the request's window", "RST 不在请求的窗口内"},
	{"RST with seq == rcv_nxt: tcp_reset", "RST 的 seq == rcv_nxt: tcp_reset"},
	{"RTO expired: retransmit the head of the queue, double the RTO", "RTO 到期: 重传最早的报文段, RTO 加倍"},
	{"SHUT_WR: send FIN, keep receiving (half close)", "SHUT_WR: 发送 FIN, 继续接收 (半关闭)"},
	{"SO_LINGER > 0: close() sleeps while the FIN is unacknowledged", "SO_LINGER > 0: FIN 未被确认时 close() 一直等待"},
	{"SO_LINGER {1, 0}: tcp_disconnect, abort with RST", "SO_LINGER {1, 0}: tcp_disconnect, 用 RST 中止"},
	{"SYN on a synchronized socket: challenge ACK (RFC 5961)", "已同步的套接字收到 SYN: 挑战 ACK (RFC 5961)"},
	{"SYN retransmissions exhausted: connect() fails with ETIMEDOUT", "SYN 重传次数用完: connect() 以 ETIMEDOUT 失败"},
	{"TIME_WAIT 4-tuple taken over by a new connect()", "新的 connect() 接管 TIME_WAIT 的四元组"},
	{"acceptable SYN for a TIME_WAIT 4-tuple: TIME_WAIT ends, the listener takes the SYN", "TIME_WAIT 四元组收到可接受的 SYN: TIME_WAIT 结束, 由监听套接字接收这个 SYN"},
	{"data_was_unread > 0: send RST, not FIN", "data_was_unread > 0: 发送 RST, 而不是 FIN"},
	{"everything sent: queue a bare FIN", "全部已发送: 排入一个单独的 FIN"},
	{"keepalive probes unanswered: reset the connection", "保活探测无回应: 重置连接"},
	{"listener closed: each child never accepted is aborted with RST", "监听套接字关闭: 每个从未被 accept() 的子连接用 RST 中止"},
	{"listening socket: stop listening, abort the children never accepted", "监听套接字: 停止监听, 中止从未被 accept() 的子连接"},
	{"new data after the receive side was shut: abort and reply RST", "接收方向关闭后又来新数据: 中止并回复 RST"},
	{"new data for a FIN_WAIT2 TIME_WAIT socket: reply RST, socket deleted", "FIN_WAIT2 子状态的 TIME_WAIT 套接字收到新数据: 回复 RST, 删除套接字"},
	{"no ephemeral port free for this destination: EADDRNOTAVAIL, no SYN", "这个目的地没有空闲的临时端口: EADDRNOTAVAIL, 不发 SYN"},
	{"no socket for this segment: reply RST", "没有套接字接收这个报文段: 回复 RST"},
	{"orphan FIN_WAIT2 with tcp_fin_time <= 60 s: hand over to a TIME_WAIT socket in substate FIN_WAIT2", "孤儿 FIN_WAIT2 且 tcp_fin_time <= 60 秒: 交给子状态为 FIN_WAIT2 的 TIME_WAIT 套接字"},
	{"orphan FIN_WAIT2 with tcp_fin_time > 60 s: keepalive timer for the excess", "孤儿 FIN_WAIT2 且 tcp_fin_time > 60 秒: 超出部分由保活定时器计时"},
	{"orphan FIN_WAIT2, segment carries FIN: keepalive timer, FIN handled next", "孤儿 FIN_WAIT2, 报文段带着 FIN: 保活定时器, 接着处理 FIN"},
	{"orphan retransmissions timed out (tcp_orphan_retries): give up without RST", "孤儿重传超时 (tcp_orphan_retries): 放弃, 不发 RST"},
	{"our FIN acked, orphan with linger2 < 0: tcp_done and reply RST", "我们的 FIN 被确认, 孤儿的 linger2 < 0: tcp_done 并回复 RST"},
	{"our FIN acked, socket still owned: FIN_WAIT2 without a timer", "我们的 FIN 被确认, 应用仍持有套接字: FIN_WAIT2, 没有定时器"},
	{"peer's FIN in FIN_WAIT2 substate: TIME_WAIT, timer restarted at 60 s", "子状态 FIN_WAIT2 中收到对端的 FIN: TIME_WAIT, 定时器从 60 秒重新开始"},
	{"persist timer: the window admits part of the next segment, send it", "坚持定时器: 窗口能放下下一段的一部分, 发出这部分"},
	{"request given up (or its listener is gone): dropped silently", "请求被放弃 (或监听套接字已不在): 悄悄丢弃"},
	{"request queue full: SYN cookie, no request kept", "请求队列已满: SYN cookie, 不保留请求"},
	{"request's listener is closed: request dropped, segment looked up again", "请求的监听套接字已关闭: 丢弃请求, 重新查找报文段"},
	{"segment for a TIME_WAIT socket: answer with the TIME_WAIT ACK", "报文段到达 TIME_WAIT 套接字: 用 TIME_WAIT 的 ACK 回答"},
	{"socket already in CLOSE (reset, or its connection already ended): nothing to send", "套接字已处于 CLOSE (被重置或连接已结束): 无需发送"},
	{"tail loss probe: re-send the last segment in flight", "尾部丢失探测: 重发最后一个已发出的报文段"},
	{"tcp_max_tw_buckets reached: no TIME_WAIT socket, the connection just closes", "达到 tcp_max_tw_buckets: 没有 TIME_WAIT 套接字, 连接直接关闭"},
	{"the application read enough to reopen the window: window update", "应用读得足够多, 窗口重新打开: 窗口更新"},
	{"too many orphans: kill this orphan", "孤儿太多: 杀掉这个孤儿"},
	{"tw_recycle: SYN timestamp older than the peer's cached one: dropped silently", "tw_recycle: SYN 的时间戳早于记住的对端时间戳: 悄悄丢弃"},
	{"unsent data queued: the FIN rides on the last unsent segment", "有未发送的数据排队: FIN 附在最后一个未发送的报文段上"},
	{"zero window: send a zero-length probe (seq = snd_una - 1)", "零窗口: 发送零长度探测 (seq = snd_una - 1)"},
}

// Translations returns every Chinese string of the tables above (the glyph test draws them all).
func Translations() []string {
	var out []string
	for _, p := range summariesZH {
		out = append(out, p.zh)
	}
	for _, t := range [][]pair{branchesZH[:], notesZH[:], callWordsZH[:]} {
		for _, p := range t {
			out = append(out, p.zh)
		}
	}
	return append(out, CallDetail(ZH, "all"))
}
