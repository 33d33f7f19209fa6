package i18n

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEveryIDInEveryLanguage(t *testing.T) {
	for _, l := range Langs() {
		for _, id := range IDs() {
			assert.True(t, HasUI(l, id), "language %s lacks %s", l, id)
		}
	}
}

func TestExplanationsInBothLanguages(t *testing.T) {
	en, zh := ExplainKeys(EN), ExplainKeys(ZH)
	sort.Strings(en)
	sort.Strings(zh)
	assert.Equal(t, en, zh)
}

func TestExplainMatchesBranchPrefixThenFunction(t *testing.T) {
	assert.Contains(t, Explain(EN, "tcp_close", "data_was_unread > 0: send RST, not FIN"), "unread")
	assert.Contains(t, Explain(EN, "tcp_close", "something new"), "tcp_close decides")
	assert.Equal(t, "", Explain(EN, "no_such_fn", "x"))
	assert.Equal(t, "≈ 59.98 s idle", Msg(EN, Idle, "59.98 s"))
}

// Every branch the explanations know (the core's wording of a kernel decision) has its Chinese
// line, and English is left as the core words it.
func TestEveryBranchInChinese(t *testing.T) {
	for _, k := range ExplainKeys(EN) {
		_, br, _ := strings.Cut(k, "|")
		if br == "" {
			continue
		}
		if Branch(ZH, br) == br {
			t.Errorf("no Chinese for the branch %q", br)
		}
		if Branch(EN, br) != br {
			t.Errorf("Branch(EN, %q) = %q", br, Branch(EN, br))
		}
	}
	if got := CallDetail(ZH, "10.0.0.2:5000 from port 32768"); got != "10.0.0.2:5000 本地端口 32768" {
		t.Errorf("CallDetail: %q", got)
	}
	if got := Note(ZH, "retransmit"); got != "重传" {
		t.Errorf("Note: %q", got)
	}
}
