// Command webmessages writes the web page's own words (the message table's "web." ids) as JSON,
// {"en": {id: text}, "zh": {...}}, for boot.js: the loading screen and its errors appear before
// the app (and its table) has loaded. make web writes it to dist/messages.json.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"finwait/render/i18n"
)

func main() {
	b, err := messagesJSON()
	if err == nil {
		_, err = os.Stdout.Write(b)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "webmessages:", err)
		os.Exit(1)
	}
}

// messagesJSON is the file's content; map keys come out sorted, so it is reproducible.
func messagesJSON() ([]byte, error) {
	out := map[string]map[string]string{}
	for _, l := range i18n.Langs() {
		m := map[string]string{}
		for _, id := range i18n.IDs() {
			if strings.HasPrefix(string(id), "web.") && i18n.HasUI(l, id) {
				m[string(id)] = i18n.Msg(l, id)
			}
		}
		out[string(l)] = m
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("encode messages: %w", err)
	}
	return b.Bytes(), nil
}
