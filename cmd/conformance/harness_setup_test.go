package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"finwait/core/scenario"
)

// Recordings go to the folder of the kernel's release, also when the same release was built
// again with another local suffix (uname -r 6.18.44-fc-v1147 beside fixtures in
// 6.18.44-fc-v669).
func TestReleaseDir(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dirs    []string // existing folders under the root
		release string
		want    string // under the root
	}{
		{"exact", []string{"6.18.44-fc-v669", "6.18.44-fc-v1147"}, "6.18.44-fc-v1147", "6.18.44-fc-v1147"},
		{"same release, other build", []string{"5.10.1-x", "6.18.44-fc-v669"}, "6.18.44-fc-v1147", "6.18.44-fc-v669"},
		{"two other builds: the last", []string{"6.18.44-a", "6.18.44-b"}, "6.18.44-c", "6.18.44-b"},
		{"no suffix", []string{"6.18.44"}, "6.18.44-fc-v1147", "6.18.44"},
		{"other release", []string{"6.18.4-fc-v669", "6.18.44x-1"}, "6.18.44-fc-v1147", "6.18.44-fc-v1147"},
		{"empty root", nil, "6.18.44-fc-v1147", "6.18.44-fc-v1147"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, d := range tc.dirs {
				if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			// a file is not a recordings folder
			if err := os.WriteFile(filepath.Join(root, "6.18.44-z"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if got := releaseDir(root, tc.release); got != filepath.Join(root, tc.want) {
				t.Errorf("releaseDir(%q) = %q, want %q", tc.release, got, filepath.Join(root, tc.want))
			}
		})
	}
	if got, want := releaseDir(filepath.Join(t.TempDir(), "missing"), "6.18.44-v1"), "6.18.44-v1"; filepath.Base(got) != want {
		t.Errorf("missing root: %q, want …/%s", got, want)
	}
}

// The harness records under the model's congestion control (cubic) where a scenario names
// none, not under the machine's; a scenario's own choice stays, and its maps are not changed.
func TestWithModelCongestionControl(t *testing.T) {
	sc := scenario.Scenario{Hosts: []scenario.HostSpec{
		{Name: "A", Sysctls: map[string]string{"tcp_congestion_control": "bbr", "tcp_fin_timeout": "5"}},
		{Name: "B"},
		{Name: "C", Sysctls: map[string]string{"tcp_timestamps": "0"}},
	}}
	got := withModelCongestionControl(sc)
	for i, want := range []map[string]string{
		{"tcp_congestion_control": "bbr", "tcp_fin_timeout": "5"},
		{"tcp_congestion_control": "cubic"},
		{"tcp_congestion_control": "cubic", "tcp_timestamps": "0"},
	} {
		if !maps.Equal(got.Hosts[i].Sysctls, want) {
			t.Errorf("host %s: sysctls %v, want %v", got.Hosts[i].Name, got.Hosts[i].Sysctls, want)
		}
	}
	if sc.Hosts[1].Sysctls != nil || len(sc.Hosts[2].Sysctls) != 1 {
		t.Errorf("the scenario's own sysctls changed: %v, %v", sc.Hosts[1].Sysctls, sc.Hosts[2].Sysctls)
	}
}

// A random run records -seeds in its order, or -n seeds from -seed; a bad item is named.
func TestSeedsToRun(t *testing.T) {
	for _, tc := range []struct {
		list    string
		first   uint64
		n       int
		want    []uint64
		wantErr string
	}{
		{"", 5, 3, []uint64{5, 6, 7}, ""},
		{"211,100, 165", 1, 300, []uint64{211, 100, 165}, ""},
		{"211,,3", 1, 1, nil, `random -seeds: item 2 "" is not a seed (a whole number)`},
		{"7,-1", 1, 1, nil, `random -seeds: item 2 "-1" is not a seed (a whole number)`},
	} {
		got, err := seedsToRun(tc.list, tc.first, tc.n)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("seedsToRun(%q): error %v, want %q", tc.list, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("seedsToRun(%q, %d, %d) = %v, %v; want %v", tc.list, tc.first, tc.n, got, err, tc.want)
		}
	}
}

// A recording's congestion control comes from its log (host A's sysctl line); one the harness
// did not set ran under the machine's default, and the report says so.
func TestRecordedCC(t *testing.T) {
	dir := t.TempDir()
	for name, log := range map[string]string{
		"set":    "global sysctl tcp_allowed_congestion_control += cubic (was reno bbr, restored at the end)\nhost A (fw-a-1): sysctl tcp_congestion_control = cubic\nhost B (fw-b-1): sysctl tcp_congestion_control = reno\n",
		"before": "host A (fw-a-1): sysctl tcp_fin_timeout = 5\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name+".log"), []byte(log), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range map[string]string{"set": "cubic", "before": "", "missing": ""} {
		if got := recordedCC(dir, name); got != want {
			t.Errorf("recordedCC(%s) = %q, want %q", name, got, want)
		}
	}
	want := "2 under the machine's default (bbr), recorded before the harness set it; 1 under bbr; 5 under cubic"
	if got := ccSummary(map[string]int{"": 2, "cubic": 5, "bbr": 1}); got != want {
		t.Errorf("ccSummary: %q, want %q", got, want)
	}
}
