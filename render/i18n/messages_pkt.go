package i18n

// The packetdrill runs the desktop and the page show (render/app OpenPktRun). In a file of its
// own so that it merges without touching the rest of the table; init adds it to the table.

// PktNoWhatIf is the error a what-if meets on a packetdrill script's run.
const PktNoWhatIf ID = "pkt.no_what_if"

func init() {
	ui[EN][PktNoWhatIf] = "a packetdrill script's run has no what-ifs: put them in the script"
	ui[ZH][PktNoWhatIf] = "packetdrill 的运行没有假设: 请在文件中加入"
}
