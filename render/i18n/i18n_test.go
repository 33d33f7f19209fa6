package i18n

import (
	"sort"
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
