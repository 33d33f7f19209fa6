//go:build !js

package i18n

// The page's scenario editor and share links (web/editor.js, web/share.js). Only the page's
// JavaScript shows these words, and it reads them from dist/messages.json (which cmd/webmessages
// writes from this table, natively): the build tag keeps them out of the .wasm, whose size goal
// has no room to spare (docs/web-size.md). They live in a file of their own so that they merge
// without touching the rest of the table; init adds them to it, so Msg, IDs, HasUI and the
// tests treat them as any other.

// Editor and share-link UI string ids.
const (
	WebEdit           ID = "web.edit"
	WebEditTitle      ID = "web.edit.title"
	WebEditorHeading  ID = "web.editor.heading"
	WebEditorText     ID = "web.editor.text" // the text area's accessible name
	WebEditorRun      ID = "web.editor.run"
	WebEditorRunTitle ID = "web.editor.run.title"
	WebEditorReset    ID = "web.editor.reset"
	WebEditorResetT   ID = "web.editor.reset.title"
	WebEditorSave     ID = "web.editor.save"
	WebEditorClose    ID = "web.editor.close"
	WebEditorRan      ID = "web.editor.ran"      // %s scenario name
	WebEditorErrorAt  ID = "web.editor.error_at" // %s line, %s column
	WebEditorError    ID = "web.editor.error"    // %s the core's message
	WebEditorKept     ID = "web.editor.kept"
	WebShareName      ID = "web.share.name" // the "file name" a link's scenario is opened under
	WebShareTooLong   ID = "web.share.too_long"
	WebShareBad       ID = "web.share.bad" // %s what was wrong
	WebShareBadChars  ID = "web.share.bad_chars"
	WebShareBadData   ID = "web.share.bad_data"
	WebEditorName     ID = "web.editor.name" // the "file name" the editor's text is opened under
	WebEditorWhatIf   ID = "web.editor.what_if"
	WebPktAllMet      ID = "web.pkt.all_met"  // %s number of lines
	WebPktMissed      ID = "web.pkt.missed"   // %s lines not met, %s lines
	WebPktLineMet     ID = "web.pkt.line_met" // %s line, %s the line as written
	WebPktLineNot     ID = "web.pkt.line_not" // %s line, %s expected, %s got
	WebPktVerdicts    ID = "web.pkt.verdicts"
	WebShareNoSupport ID = "web.share.no_support"
)

func init() {
	add := func(l Lang, m map[ID]string) {
		for id, s := range m {
			ui[l][id] = s
		}
	}
	add(EN, map[ID]string{
		WebEdit: "Edit scenario…", WebEditTitle: "Edit the scenario on screen as a file (JSON), or a packetdrill script (.pkt), and run it",
		WebEditorHeading: "Scenario file or packetdrill script", WebEditorText: "Scenario file (JSON) or packetdrill script",
		WebEditorRun: "Run", WebEditorRunTitle: "Run this file (Ctrl+Enter)",
		WebEditorReset: "From the screen", WebEditorResetT: "Replace the text with the scenario on screen",
		WebEditorSave: "Save file", WebEditorClose: "Close",
		WebEditorRan: "Running %s.", WebEditorErrorAt: "line %s, column %s", WebEditorError: "Not run: %s",
		WebEditorKept: "Your text is kept in this browser until you replace it.",
		WebShareName:  "the link",
		WebShareTooLong: "This scenario's link would be %s characters long; chat and course tools cut links " +
			"beyond %s. Share the file instead (Edit scenario… → Save file).",
		WebShareBad:       "The link's scenario could not be read: %s",
		WebShareBadChars:  "the part after #s= holds characters other than A–Z, a–z, 0–9, - and _",
		WebShareBadData:   "it is not a compressed scenario file (cut short when copied?)",
		WebEditorName:     "the editor's text",
		WebEditorWhatIf:   "The what-if changes on screen (lost packets, killed processes) are not in this file.",
		WebPktAllMet:      "packetdrill: all %s lines met.",
		WebPktMissed:      "packetdrill: %s of %s lines not met (red marks on the diagram).",
		WebPktLineMet:     "line %s ✓ %s",
		WebPktLineNot:     "line %s ✗ expected %s, got %s",
		WebPktVerdicts:    "Verdicts of the script's lines",
		WebShareNoSupport: "This browser cannot compress or read scenario links (no CompressionStream).",
	})
	add(ZH, map[ID]string{
		WebEdit: "编辑场景…", WebEditTitle: "把屏幕上的场景作为文件 (JSON) 或 packetdrill 脚本 (.pkt) 编辑并运行",
		WebEditorHeading: "场景文件或 packetdrill 脚本", WebEditorText: "场景文件 (JSON) 或 packetdrill 脚本",
		WebEditorRun: "运行", WebEditorRunTitle: "运行此文件 (Ctrl+Enter)",
		WebEditorReset: "取自屏幕", WebEditorResetT: "用屏幕上的场景替换文本",
		WebEditorSave: "保存文件", WebEditorClose: "关闭",
		WebEditorRan: "正在运行 %s。", WebEditorErrorAt: "第 %s 行, 第 %s 列", WebEditorError: "未运行: %s",
		WebEditorKept: "你的文本保存在此浏览器中, 直到你替换它。",
		WebShareName:  "链接",
		WebShareTooLong: "此场景的链接将有 %s 个字符; 聊天和课程工具会截断超过 %s 个字符的链接。" +
			"请改为分享文件 (编辑场景… → 保存文件)。",
		WebShareBad:       "无法读取链接中的场景: %s",
		WebShareBadChars:  "#s= 之后含有 A–Z、a–z、0–9、- 和 _ 以外的字符",
		WebShareBadData:   "这不是压缩的场景文件 (复制时被截断了?)",
		WebEditorName:     "编辑器中的文本",
		WebEditorWhatIf:   "屏幕上的假设改动 (丢失的包、被杀的进程) 不在此文件中。",
		WebPktAllMet:      "packetdrill: 全部 %s 行都已满足。",
		WebPktMissed:      "packetdrill: %s / %s 行未满足 (图上红色标记)。",
		WebPktLineMet:     "第 %s 行 ✓ %s",
		WebPktLineNot:     "第 %s 行 ✗ 预期 %s, 实际 %s",
		WebPktVerdicts:    "脚本各行的判定",
		WebShareNoSupport: "此浏览器无法压缩或读取场景链接 (没有 CompressionStream)。",
	})
}
