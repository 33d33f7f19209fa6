package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"finwait/core/scenario"
)

// A forked application process (OpFork) is a helper process — this binary run as
// `conformance __child` — that inherits copies of every socket of its parent, so that killing it
// (OpKill, SIGKILL) closes its copies the way process exit does (spec §3.1). It executes the
// actions addressed to it (Proc = its name) one line at a time from a pipe and answers each.

const childArg = "__child"

type childProc struct {
	name    string
	host    string
	cmd     *exec.Cmd
	in      *os.File // commands
	out     *bufio.Reader
	fds     map[string]int // socket name → descriptor number in the child
	dead    bool
	pending chan pendingCall
}

type pendingCall struct {
	call int
	at   int64
}

// doFork starts a child of the app process of a host holding copies of all its sockets.
func (x *executor) doFork(a scenario.Action) error {
	if a.Child == "" {
		return fmt.Errorf("fork needs a child name")
	}
	var names []string
	for k, s := range x.socks {
		if strings.HasPrefix(k, a.Host+"/") && s.fd >= 0 {
			names = append(names, s.name)
		}
	}
	sort.Strings(names)
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, childArg)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlives the harness
	cp := &childProc{name: a.Child, host: a.Host, cmd: cmd, fds: map[string]int{}}
	for i, n := range names {
		s := x.socks[x.key(a.Host, n)]
		dup, err := syscall.Dup(s.fd) // the *os.File owns (and will close) the duplicate only
		if err != nil {
			return err
		}
		f := os.NewFile(uintptr(dup), n)
		defer f.Close()
		cmd.ExtraFiles = append(cmd.ExtraFiles, f)
		cp.fds[n] = 3 + i
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		return err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	inR.Close()
	outW.Close()
	cp.in, cp.out = inW, bufio.NewReader(outR)
	cp.pending = make(chan pendingCall, 64)
	go func() { // answers, in order; a blocked call answers late (or never, when killed)
		for pc := range cp.pending {
			reply, err := cp.out.ReadString('\n')
			if err != nil {
				x.finishCall(pc.call, "no answer (process gone)", true)
				continue
			}
			x.finishCall(pc.call, strings.TrimSpace(reply), x.clk.now()-pc.at > 1000)
		}
	}()
	x.children[a.Host+"/"+a.Child] = cp
	x.call(nil, a.Host, "fork", fmt.Sprintf("%s → %s (pid %d, %d sockets)", procName(a.Proc), a.Child, cmd.Process.Pid, len(names)), "0")
	return nil
}

func procName(p string) string {
	if p == "" {
		return "app"
	}
	return p
}

// doChild runs an action in a forked process. The child answers before the next action of the
// scenario is due unless the call blocks (a blocking send into a full buffer): then the
// answer, if any, comes when the child is scheduled again.
func (x *executor) doChild(a scenario.Action) error {
	cp := x.children[a.Host+"/"+a.Proc]
	if cp == nil {
		return fmt.Errorf("no process %q on host %s", a.Proc, a.Host)
	}
	switch a.Op {
	case scenario.OpKill:
		if cp.dead {
			return fmt.Errorf("process %s already dead", a.Proc)
		}
		err := cp.cmd.Process.Signal(syscall.SIGKILL)
		x.call(nil, a.Host, "kill", "SIGKILL "+a.Proc, errName(err))
		cp.cmd.Wait()
		cp.dead = true
		cp.in.Close()
		close(cp.pending)
		return nil
	case scenario.OpSend, scenario.OpClose, scenario.OpShutdown:
	default:
		return fmt.Errorf("op %s in a forked process is not supported by the harness", a.Op)
	}
	fd, ok := cp.fds[a.Conn]
	if !ok {
		return fmt.Errorf("process %s holds no socket %q", a.Proc, a.Conn)
	}
	var line, args string
	switch a.Op {
	case scenario.OpSend:
		chunk := a.Chunk
		if chunk == 0 {
			chunk = a.Bytes
		}
		line = fmt.Sprintf("send %d %d %d %t", fd, a.Bytes, chunk, a.NonBlock)
		args = fmt.Sprintf("%s: %d bytes, chunk %d, nonblock %t", a.Proc, a.Bytes, chunk, a.NonBlock)
	case scenario.OpClose:
		line = fmt.Sprintf("close %d", fd)
		args = a.Proc
	case scenario.OpShutdown:
		line = fmt.Sprintf("shutdown %d %s", fd, a.How)
		args = a.Proc + " " + a.How
	}
	if cp.dead {
		return fmt.Errorf("process %s is dead", a.Proc)
	}
	ci := x.call(nil, a.Host, string(a.Op), args, "")
	if _, err := fmt.Fprintln(cp.in, line); err != nil {
		x.finishCall(ci, errName(err), false)
		return nil
	}
	cp.pending <- pendingCall{call: ci, at: x.clk.now()}
	return nil
}

// runChild is the forked process's main loop.
func runChild() {
	in := bufio.NewScanner(os.Stdin)
	buf := make([]byte, 1<<16)
	for in.Scan() {
		f := strings.Fields(in.Text())
		if len(f) < 2 {
			fmt.Println("EINVAL")
			continue
		}
		fd, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "send":
			total, _ := strconv.Atoi(f[2])
			chunk, _ := strconv.Atoi(f[3])
			nonblock := f[4] == "true"
			flags := syscall.MSG_NOSIGNAL
			if nonblock {
				flags |= syscall.MSG_DONTWAIT
			}
			// the sockets are non-blocking (O_NONBLOCK is shared with the parent): a blocking
			// send() waits in select between tries
			if chunk <= 0 || chunk > len(buf) {
				chunk = len(buf)
			}
			sent := 0
			var last error
			for i := 0; i < 1000000 && (total == 0 || sent < total); i++ {
				n := chunk
				if total > 0 && total-sent < n {
					n = total - sent
				}
				m, err := syscall.SendmsgN(fd, buf[:n], nil, nil, flags)
				if m > 0 {
					sent += m
				}
				if err == syscall.EAGAIN && !nonblock {
					waitWritable(fd)
					continue
				}
				if err != nil {
					last = err
					break
				}
			}
			if sent == 0 && last != nil {
				fmt.Println(errName(last))
			} else {
				fmt.Println(sent)
			}
		case "close":
			fmt.Println(errName(syscall.Close(fd)))
		case "shutdown":
			how := map[string]int{"SHUT_RD": syscall.SHUT_RD, "SHUT_WR": syscall.SHUT_WR, "SHUT_RDWR": syscall.SHUT_RDWR}[strings.ToUpper(f[2])]
			fmt.Println(errName(syscall.Shutdown(fd, how)))
		default:
			fmt.Println("EINVAL")
		}
	}
}

func waitWritable(fd int) {
	var ws syscall.FdSet
	ws.Bits[fd/64] |= 1 << (uint(fd) % 64)
	syscall.Select(fd+1, nil, &ws, nil, nil)
}
