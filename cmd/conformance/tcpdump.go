package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// An optional cross-check (record -tcpdump): tcpdump on each namespace's TUN device sees what
// the kernel really sent and what the wire delivered, so its segment count must equal the
// forwarder's log for that host. Its text goes into the scenario's .log.

type tcpdumpRun struct {
	host string
	cmd  *exec.Cmd
	out  bytes.Buffer
	mu   sync.Mutex
}

func startTcpdump(ns, host string) (*tcpdumpRun, error) {
	if _, err := exec.LookPath("tcpdump"); err != nil {
		return nil, fmt.Errorf("-tcpdump: tcpdump is not installed")
	}
	t := &tcpdumpRun{host: host}
	t.cmd = exec.Command("ip", "netns", "exec", ns, "tcpdump", "-i", tunName, "-n", "-S", "-tt", "-l", "-U", "tcp")
	t.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	t.cmd.Stdout = &lockedWriter{t: t}
	stderr, err := t.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := t.cmd.Start(); err != nil {
		return nil, err
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		once := sync.Once{}
		for sc.Scan() {
			if strings.Contains(sc.Text(), "listening on") {
				once.Do(func() { close(ready) })
			}
		}
		once.Do(func() { close(ready) })
	}()
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
		t.cmd.Process.Kill()
		return nil, fmt.Errorf("tcpdump in %s did not start", ns)
	}
	return t, nil
}

type lockedWriter struct{ t *tcpdumpRun }

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.t.mu.Lock()
	defer w.t.mu.Unlock()
	return w.t.out.Write(p)
}

// stop ends tcpdump and returns its lines.
func (t *tcpdumpRun) stop() []string {
	time.Sleep(50 * time.Millisecond) // let -U flush the last packets
	t.cmd.Process.Signal(syscall.SIGINT)
	t.cmd.Wait()
	t.mu.Lock()
	defer t.mu.Unlock()
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(t.out.String()), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}
