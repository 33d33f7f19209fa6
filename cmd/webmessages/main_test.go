package main

import (
	"encoding/json"
	"testing"
)

// The file boot.js reads: both languages, every id boot.js asks for, the words of the table.
func TestMessagesJSON(t *testing.T) {
	out, err := messagesJSON()
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]map[string]string
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"web.loading", "web.loading.of", "web.loading.so_far", "web.starting", "web.no_wasm",
		"web.no_webgl", "web.incomplete", "web.load_failed"} {
		if m["en"][id] == "" || m["zh"][id] == "" || m["en"][id] == m["zh"][id] {
			t.Errorf("%s: en %q, zh %q", id, m["en"][id], m["zh"][id])
		}
	}
	if m["en"]["web.loading.of"] != "Loading the simulator… %s of %s" {
		t.Errorf("web.loading.of = %q", m["en"]["web.loading.of"])
	}
}
