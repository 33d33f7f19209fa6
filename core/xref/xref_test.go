package xref

import (
	"net/url"
	"testing"

	"finwait/core/scenario"
)

// Every kernel function any catalog scenario names, in each of its profiles, links to its
// identifier search in that profile's kernel.
func TestEveryModelFunctionLinks(t *testing.T) {
	names := 0
	for _, sc := range scenario.Catalog() {
		profiles := sc.Profiles
		if len(profiles) == 0 {
			profiles = []string{"modern", "2.6"}
		}
		for _, p := range profiles {
			tr, err := scenario.Run(sc, scenario.RunOptions{Profile: p, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range tr.Events {
				if e.Fn == "" {
					continue
				}
				names++
				u, err := URL(e.Fn, p)
				if err != nil {
					t.Fatalf("%s %s: %v", sc.Name, p, err)
				}
				pu, err := url.Parse(u)
				want := map[string]string{"modern": "v6.18", "2.6": "v2.6.32"}[p]
				if err != nil || pu.Scheme != "https" || pu.Host != "elixir.bootlin.com" || pu.Path != "/linux/"+want+"/A/ident/"+e.Fn || pu.RawQuery != "" {
					t.Errorf("%s %s: %s links to %q", sc.Name, p, e.Fn, u)
				}
			}
		}
	}
	if names < 100 {
		t.Errorf("only %d function names in the catalog's traces", names)
	}
}

func TestRefused(t *testing.T) {
	for _, c := range []struct{ fn, profile, want string }{
		{"tcp_close", "3.10", `kernel source link: unknown profile "3.10" (modern or 2.6)`},
		{"", "modern", `kernel source link: "" is not a C identifier`},
		{"tcp_close()", "modern", `kernel source link: "tcp_close()" is not a C identifier`},
		{"1tcp", "2.6", `kernel source link: "1tcp" is not a C identifier`},
		{"a/../b", "2.6", `kernel source link: "a/../b" is not a C identifier`},
	} {
		if _, err := URL(c.fn, c.profile); err == nil || err.Error() != c.want {
			t.Errorf("URL(%q, %q): %v, want %s", c.fn, c.profile, err, c.want)
		}
	}
	if got := Functions([]string{"tcp_fin", "", "tcp_close", "tcp_fin", "x y"}); len(got) != 2 || got[0] != "tcp_close" || got[1] != "tcp_fin" {
		t.Errorf("Functions: %q", got)
	}
}
