// Package i18n is finwait's one message table: every UI string by id and every explanation of a
// kernel decision keyed by the model's path events (fn + branch), in English and Simplified
// Chinese. Drawing code never holds a sentence; it asks here.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a UI language.
type Lang string

// Languages.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// ID names a UI string.
type ID string

// Msg returns the string id in lang, formatted with args (fmt verbs). An unknown id in ZH falls back
// to EN; an unknown id everywhere returns the id itself so a gap is visible, not blank.
func Msg(lang Lang, id ID, args ...any) string {
	s, ok := ui[lang][id]
	if !ok {
		s, ok = ui[EN][id]
		if !ok {
			s = string(id)
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Explain returns the plain sentence for a kernel decision: the exact (fn, branch) if the table
// has it, else the branch's leading condition, else the function's general sentence, else "".
func Explain(lang Lang, fn, branch string) string {
	t := explain[lang]
	if t == nil {
		t = explain[EN]
	}
	if s, ok := t[fn+"|"+branch]; ok {
		return s
	}
	best, bestLen := t[fn+"|"], 0 // the longest matching condition wins, so the answer is deterministic
	for k, s := range t {
		if f, cond, ok := strings.Cut(k, "|"); ok && f == fn && len(cond) > bestLen && strings.HasPrefix(branch, cond) {
			best, bestLen = s, len(cond)
		}
	}
	return best
}

// Langs lists the languages in menu order.
func Langs() []Lang { return []Lang{EN, ZH} }

// IDs returns every UI id (tests check each language has them all).
func IDs() []ID {
	out := make([]ID, 0, len(ui[EN]))
	for id := range ui[EN] {
		out = append(out, id)
	}
	return out
}

// ExplainKeys returns every explanation key of a language.
func ExplainKeys(lang Lang) []string {
	out := make([]string, 0, len(explain[lang]))
	for k := range explain[lang] {
		out = append(out, k)
	}
	return out
}

// HasUI reports whether lang has its own text for id.
func HasUI(lang Lang, id ID) bool { _, ok := ui[lang][id]; return ok }
