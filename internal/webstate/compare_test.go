package webstate

import (
	"strings"
	"testing"
)

// compare= and tool= are taken when they fit the scenario the URL names, and each refusal names
// the bad word (in the URL's language) and leaves the view without a second run.
func TestParseParamsCompareAndTool(t *testing.T) {
	for _, c := range []struct{ query, compare, tool, msg string }{
		{"scenario=fin_lost_orphan_retries&compare=profile:2.6&tool=ss", "profile:2.6", "ss", ""},
		{"compare=set:A.tcp_fin_timeout%3D10", "set:A.tcp_fin_timeout=10", "", ""},
		{"compare=drop:A>B:3&tool=tcpdump-S", "drop:A>B:3", "tcpdump-S", ""},
		{"compare=kill:B@1.5s", "kill:B@1.5s", "", ""},
		{"compare=2.6", "", "", `compare="2.6": 2.6: want profile:, set:, drop: or kill:; using none.`},
		{"compare=profile:4.19", "", "", `compare="profile:4.19": 4.19 is not a profile of the scenario (it has modern, 2.6); using none.`},
		{"scenario=tw_buckets_overflow&compare=set:C.tcp_fin_timeout=10", "", "", `compare="set:C.tcp_fin_timeout=10": no host C (the scenario has A, B); using none.`},
		{"compare=set:A.SO_LINGER=on", "", "", `compare="set:A.SO_LINGER=on": on: SO_LINGER takes two integers, on and seconds, such as 1,0; using none.`},
		{"compare=set:A.TCP_LINGER2=1,5", "", "", `compare="set:A.TCP_LINGER2=1,5": 1,5: TCP_LINGER2 takes one integer; using none.`},
		{"compare=drop:A>B:x", "", "", `compare="drop:A>B:x": A>B:x: want FROM>TO:N (N counts from 1); using none.`},
		{"compare=kill:A@soon&lang=zh", "", "", `compare="kill:A@soon": soon 不是时间 (如 1.5s 或 540ms); 改用 无。`},
		{"compare=set:A.tcp_fin_timeout%3Dabc", "", "", `compare="set:A.tcp_fin_timeout=abc": compare: scenario normal_active_close: hosts[0].sysctls.tcp_fin_timeout: sysctl tcp_fin_timeout = "abc": want an integer; using none.`},
		{"tool=top", "", "", `tool="top": want ss, nstat, sockstat, tcpdump, tcpdump-S; using none.`},
	} {
		p, errs := ParseParams(c.query)
		if p.Compare != c.compare || p.Tool != c.tool || strings.Join(errs, "\n") != c.msg {
			t.Errorf("%s: compare %q tool %q, messages %q; want %q %q %q", c.query, p.Compare, p.Tool, errs, c.compare, c.tool, c.msg)
		}
	}
}

func init() { EnableCompare() }

// The page's main module (no EnableCompare) refuses compare= and says where the view is.
func TestCompareUnavailable(t *testing.T) {
	checkCompare = nil
	defer EnableCompare()
	p, errs := ParseParams("compare=profile:2.6")
	want := `compare="profile:2.6": this page's module has no compare view (finwait-pkt.wasm has it); using none.`
	if p.Compare != "" || len(errs) != 1 || errs[0] != want {
		t.Errorf("%q %q, want %q", p.Compare, errs, want)
	}
}
