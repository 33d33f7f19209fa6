package layout

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"finwait/core/scenario"
	"finwait/render/i18n"
	"finwait/render/source"
	"finwait/render/theme"
)

// toolFrame lays out fin_lost_orphan_retries (modern) at 500 ms with the terminal panel showing
// tab on host A at the moment 460 ms (the player's last moment before 500 ms).
func toolFrame(t *testing.T, tab int, scroll int) (*Frame, *Input) {
	return toolFrameAt(t, tab, scroll, 460000, 440000)
}

func toolFrameAt(t *testing.T, tab, scroll int, at, at0 int64) (*Frame, *Input) {
	t.Helper()
	sc, err := scenario.Lookup("fin_lost_orphan_retries")
	require.NoError(t, err)
	tr, err := source.Run(sc, source.RunOptions{Profile: "modern", Seed: 1})
	require.NoError(t, err)
	since := int64(-1)
	if ToolTabs[tab].Tool == "nstat" {
		since = at0
	}
	text, err := ToolText(sc, scenario.RunOptions{Profile: "modern", Seed: 1}, ToolTabs[tab], "A", at, since)
	require.NoError(t, err)
	m := Prepare(tr, -1)
	in := input(m, at+40000, false)
	in.Tools = &ToolPanel{Tool: tab, Host: 0, Hosts: m.Hosts, At: at, Since: since, Text: text, Scroll: scroll}
	return Build(in, nil), in
}

// termLines are the mono texts drawn inside the terminal, top to bottom.
func termLines(f *Frame) []string {
	var out []string
	for _, s := range f.Shapes {
		if s.Kind == Text && s.Font == theme.Mono && f.Tool.Contains(s.Rect.X, s.Rect.Y) {
			out = append(out, s.Str)
		}
	}
	return out
}

// The panel shows ss -tanoi of host A at 460 ms as a terminal does: the prompt, the header, the
// orphan in FIN-WAIT-1 with its unacked FIN in Send-Q and its RTO (220 ms left, 0 retransmits
// so far by the timer), and the tcp_info line, wrapped at the panel's width.
func TestToolPanelShowsSSLines(t *testing.T) {
	f, _ := toolFrame(t, 0, 0)
	assert.Equal(t, []string{
		"A$ ss -tanoi",
		"State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process",
		"FIN-WAIT-1 0      1           10.0.0.1:32768     10.0.0.2:5000 timer:(on,220ms,0)",
		"         ts sack wscale:7,7 rto:240 rtt:40/20 mss:1448 rcvmss:536 cwnd:10 lastsnd:42",
		"0 lastrcv:460 unacked:1 retrans:1/1 snd_wnd:65160",
	}, termLines(f))
	// the title, the tabs (ss -tanoi on), the hosts (A on) and the top bar's toggle (on)
	txt := strings.Join(texts(f, theme.SizeGutter), "|")
	assert.Contains(t, txt, "TERMINAL · host A at 460 ms")
	var tabs, hosts, toggle []Hit
	for _, h := range f.Hits {
		switch h.Cmd {
		case CmdTool:
			tabs = append(tabs, h)
		case CmdToolHost:
			hosts = append(hosts, h)
		case CmdTools:
			toggle = append(toggle, h)
		}
	}
	assert.Len(t, tabs, len(ToolTabs))
	assert.Len(t, hosts, 2)
	assert.Len(t, toggle, 1)
	for i, h := range tabs {
		assert.Equal(t, i, h.Arg)
		assert.True(t, f.Tool.Y > h.Box.Y+h.Box.H, "the tabs sit above the terminal")
	}
}

// nstat lists the counters that moved since the last step (440 ms), under a line saying so;
// tcpdump follows its last lines and the wheel's scroll shows earlier ones.
func TestToolPanelNstatAndTcpdump(t *testing.T) {
	f, _ := toolFrame(t, 1, 0)
	assert.Contains(t, texts(f, theme.SizeGutter), "nstat: the increments since the last step (440 ms)")
	assert.Equal(t, []string{"A$ nstat", "#kernel"}, termLines(f), "B's ACKs are lost: nothing moves on A from 440 to 460 ms")
	f, _ = toolFrameAt(t, 1, 0, 440000, 224000)
	assert.Equal(t, []string{"A$ nstat", "#kernel",
		"TcpRetransSegs                  1                  0.0",
		"TcpExtTCPLossProbes             1                  0.0",
	}, termLines(f), "the loss probe fires at 440 ms and re-sends the FIN (a retransmission: not in TcpOutSegs)")
	f, _ = toolFrame(t, 3, 0)
	lines := termLines(f)
	assert.Equal(t, "A$ tcpdump -n", lines[0])
	assert.Equal(t, []string{ // the last segment A's interface saw: its FIN retransmitted (B's ACKs are all lost)
		"00:00:00.440000 IP 10.0.0.1.32768 > 10.0.0.2.5000: Flags [F.], seq 1, ack 1, win 502",
		", options [nop,nop,TS val 440 ecr 20], length 0",
	}, lines[len(lines)-2:])

	f, _ = toolFrame(t, 4, 0)
	assert.Equal(t, "A$ tcpdump -n -S", termLines(f)[0])
}

// A long text scrolls: with the panel short (a small window) the rest position of ss is its
// top, and a scroll moves the view by lines, never past either end.
func TestToolPanelScrolls(t *testing.T) {
	f, in := toolFrame(t, 0, 0)
	in.H = 250
	f = Build(in, f)
	top := termLines(f)
	require.Equal(t, "A$ ss -tanoi", top[0])
	require.Less(t, len(top), 5, "the short panel shows part of the text")
	in.Tools.Scroll = 1
	f = Build(in, f)
	assert.Equal(t, "State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process", termLines(f)[0])
	in.Tools.Scroll = 99
	f = Build(in, f)
	got := termLines(f)
	assert.Equal(t, "0 lastrcv:460 unacked:1 retrans:1/1 snd_wnd:65160", got[len(got)-1])
	in.Tools.Scroll = -5
	f = Build(in, f)
	assert.Equal(t, top, termLines(f))
}

// The panel's words come from the message table: in Chinese the title and the sockstat tab.
func TestToolPanelChinese(t *testing.T) {
	f, in := toolFrame(t, 2, 0)
	in.Lang = i18n.ZH
	f = Build(in, f)
	assert.Contains(t, texts(f, theme.SizeGutter), "终端 · A, 460 ms")
	assert.Contains(t, texts(f, theme.SizeBody), "套接字计数")
	assert.Contains(t, texts(f, theme.SizeBody), "终端")
	assert.Equal(t, []string{"A$ cat /proc/net/sockstat", "TCP: inuse 1 orphan 1 tw 0 alloc 1 mem 1"}, termLines(f))
}

func init() { EnableTools() }
