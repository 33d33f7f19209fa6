package i18n

// Words about hostile or wild input (issue 11): URL values and postMessage commands that the
// page refuses, commands that a flood replaced or dropped, and a long run in progress (the app's
// banner, desktop and page). They
// live in their own table, merged into ui at init, so the main table stays as it was.

// Message ids.
const (
	WebParamTimeNegative ID = "web.param.time_negative"
	WebParamTimeLate     ID = "web.param.time_late"
	WebParamPastEnd      ID = "web.param.past_end" // %s the run's end
	WebCmdBad            ID = "web.cmd.bad"        // %s command, %s field, %s value, %s why
	WebCmdMissing        ID = "web.cmd.missing"
	WebCmdPastEnd        ID = "web.cmd.past_end" // %s the run's end
	WebCmdUnknown        ID = "web.cmd.unknown"  // %s the command
	WebCmdReplaced       ID = "web.cmd.replaced" // %s command, %d how many
	WebCmdDropped        ID = "web.cmd.dropped"  // %d how many, %d the queue's bound
	WebCmdMoreRefused    ID = "web.cmd.more_refused"
	RunProgress          ID = "run.progress"  // %s scenario, %s virtual time reached, %d events so far
	RunCancelled         ID = "run.cancelled" // %s scenario
	WebParamUnknown      ID = "web.param.unknown"
	WebMessagesDismiss   ID = "web.messages.dismiss"
)

// inputWords is {id, English, 中文}: a table of static data (a map literal's entries would each be
// code in the .wasm).
var inputWords = [...]struct {
	id     ID
	en, zh string
}{
	{WebParamTimeNegative, "a moment cannot be before the run starts",
		"时刻不能早于运行开始"},
	{WebParamTimeLate, "past 4h, the longest a run lasts",
		"超过 4h, 即一次运行的最长时间"},
	{WebParamPastEnd, "the run ends at %s",
		"运行在 %s 结束"},
	{WebCmdBad, "%s: %s=%s: %s",
		"%s: %s=%s: %s"},
	{WebCmdMissing, "missing",
		"缺少"},
	{WebCmdPastEnd, "the run ends at %s; showing its end",
		"运行在 %s 结束; 显示结束时刻"},
	{WebCmdUnknown, "unknown command %s (want play, pause, seek, load or get-state)",
		"未知命令 %s (应为 play、pause、seek、load 或 get-state)"},
	{WebCmdReplaced, "%s: %d commands replaced by a later one before they could be carried out",
		"%s: %d 条命令在执行前被后来的同类命令取代"},
	{WebCmdDropped, "%d commands dropped: more than %d were waiting",
		"丢弃了 %d 条命令: 等待中的命令超过 %d 条"},
	{WebCmdMoreRefused, "%d more commands refused",
		"另有 %d 条命令被拒绝"},
	{RunProgress, "Running %s… %s of virtual time, %d events so far. × or Esc cancels.",
		"正在运行 %s… 运行到 %s, 已有 %d 个事件。× 或 Esc 取消。"},
	{RunCancelled, "Stopped running %s; the view is as it was.",
		"已停止运行 %s; 画面不变。"},
	{WebParamUnknown, "no such parameter (the page reads scenario, profile, t, speed, autoplay, embed, id, controls, theme and lang)",
		"没有这个参数 (页面只读 scenario、profile、t、speed、autoplay、embed、id、controls、theme 和 lang)"},
	{WebMessagesDismiss, "Dismiss these messages", "关闭这些消息"},
}

func init() {
	for _, w := range inputWords {
		ui[EN][w.id], ui[ZH][w.id] = w.en, w.zh
	}
}
