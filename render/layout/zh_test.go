package layout

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"finwait/core/trace"
	"finwait/render/i18n"
	"finwait/render/source"
)

// The Latin words a Chinese screen may show: the kernel's own names, not English prose. A word is
// a run of ASCII letters, digits, '_', '.' and '-' (with the "(" of a call); it is allowed when
// it is
var zhAllowed = []*regexp.Regexp{
	regexp.MustCompile(`[_0-9]`),                                                                 // an identifier or a number: tcp_fin_timeout, FIN_WAIT2, snd_una, 6.18, 1.5s, 10.0.0.1
	regexp.MustCompile(`^[A-Z]+$`),                                                               // an acronym, a state, a flag, an errno: FIN, RST, CLOSING, EPIPE, NAT, HZ
	regexp.MustCompile(`^[A-Z][A-Za-z]*[A-Z]`),                                                   // a counter (nstat): TCPAbortOnClose, ListenOverflows, TcpExtEmbryonicRsts
	regexp.MustCompile(`^[a-z_][a-z0-9_]*\($`),                                                   // a call: close(), connect(10.0.0.2:5000)
	regexp.MustCompile(`^[A-Z]\.?$`),                                                             // a host, or a tcpdump flag: A, B, F., S.
	regexp.MustCompile(`^(seq|ack|win|len|sack|ts|val|ecr|nop|mss|wscale|sackOK)$`),              // tcpdump notation
	regexp.MustCompile(`^(ms|s|µs|h|m|syn|fin|rst)$`),                                            // units; packet kinds as tcpdump writes them
	regexp.MustCompile(`^(ss|nstat|sockstat|tcpdump|inuse|orphan|tw|finwait)$`),                  // tools and their fields
	regexp.MustCompile(`^(delack|keepalive|persist|synack|linger|backlog|getsockopt|pingpong)$`), // the kernel's timers, a call's parameter
	regexp.MustCompile(`^(Home|End|Tab|Enter|Esc|PgUp|PgDn|Backspace|json|[a-z])$`),              // keys, a file type
	regexp.MustCompile(`^[A-Z]+(-[A-Z]+)+$`),                                                     // D-SACK
}

var latinWord = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_.\-]*(\(|…)?`)

// latinWords returns the words of s that a Chinese screen should not show.
func latinWords(s string) []string {
	var bad []string
	for _, w := range latinWord.FindAllString(s, -1) {
		if strings.HasSuffix(w, "…") {
			continue // a word cut to fit: it is checked where it is drawn whole
		}
		w = strings.TrimRight(w, ".-")
		ok := false
		for _, re := range zhAllowed {
			if re.MatchString(w) || re.MatchString(strings.TrimSuffix(w, ".")) {
				ok = true
				break
			}
		}
		if !ok {
			bad = append(bad, w)
		}
	}
	return bad
}

func TestLatinWords(t *testing.T) {
	for s, want := range map[string]string{
		"tcp_close 决定发送 FIN":                  "",
		"close() 返回 EPIPE":                    "",
		"A → B  F. seq 1 ack 1 win 502 len 0": "",
		"TCPAbortOnClose +1":                  "",
		"the socket is closed":                "the socket is closed",
		"modern 6.18 only":                    "modern only",
		"connect(10.0.0.2:5000 from port 3…":  "from port",
	} {
		if got := strings.Join(latinWords(s), " "); got != want {
			t.Errorf("latinWords(%q) = %q, want %q", s, got, want)
		}
	}
}

// zhFrames lays out every catalog scenario in Chinese, for each connection, at each moment, with
// every panel and overlay (the picker, help, the notice, a what-if badge, each packet's tooltip),
// at the design size and a phone held upright, and calls see with each string drawn.
func zhFrames(t *testing.T, see func(where, s string)) {
	cat := source.Catalog()
	items := make([]CatalogItem, len(cat))
	for i, sc := range cat {
		items[i] = CatalogItem{Name: sc.Name, Summary: i18n.Summary(i18n.ZH, sc.Summary)} // as the app passes them
		if len(sc.Profiles) == 1 {
			items[i].Only = sc.Profiles[0]
		}
	}
	for _, sc := range cat {
		tr, err := source.Run(sc, source.RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		m0 := Prepare(tr, -1)
		for _, c := range m0.Conns {
			m := Prepare(tr, c)
			for k, now := range m.Moments {
				in := input(m, now, false)
				in.Lang, in.Summary, in.Catalog, in.Profiles = i18n.ZH, i18n.Summary(i18n.ZH, sc.Summary), items, source.Profiles(sc)
				in.Profile = in.Profiles[0]
				if k == 0 {
					in.PickerOpen, in.Notice, in.Forks = true, "x", 1
				}
				if k == 1 {
					in.Help = true
				}
				if k < len(m.Packets) {
					in.Hover = m.Packets[k].Index
				}
				if k == len(m.Moments)-1 { // every packet's tooltip, at the end
					for _, p := range m.Packets {
						in.Hover = p.Index
						in.W, in.H, in.Scale = 1280, 800, 1
						for _, s := range Build(in, nil).Shapes {
							if s.Kind == Text {
								see(sc.Name+" tooltip", s.Str)
							}
						}
					}
				}
				for _, size := range [][3]float64{{1280, 800, 1}, {1170, 2532, 3}} {
					in.W, in.H, in.Scale = size[0], size[1], FitScale(size[0], size[1], size[2])
					f := Build(in, nil)
					for _, s := range f.Shapes {
						if s.Kind == Text && s.Str != "x" {
							see(sc.Name+" at "+trace.FormatTime(now), s.Str)
						}
					}
				}
			}
		}
	}
}

// Every word drawn on a Chinese screen is Chinese, or one of the kernel's own names (function
// names, sysctls, states, counters, errnos, tcpdump notation): for every catalog scenario and
// every panel and overlay.
func TestEveryWordInChinese(t *testing.T) {
	bad := map[string]string{} // the string → where first seen
	zhFrames(t, func(where, s string) {
		if len(latinWords(s)) > 0 {
			if _, ok := bad[s]; !ok {
				bad[s] = where
			}
		}
	})
	var lines []string
	for s, where := range bad {
		lines = append(lines, where+": "+s+"   ⟵ "+strings.Join(latinWords(s), " "))
	}
	sort.Strings(lines)
	for _, l := range lines {
		t.Error(l)
	}
}
