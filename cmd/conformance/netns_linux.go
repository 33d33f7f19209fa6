package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

// sysSetns is setns(2); the syscall package has the number but no wrapper.
const sysSetns = 308 // x86_64

const (
	cloneNewNet = 0x40000000
	tunSetIff   = 0x400454ca
	iffTun      = 0x0001
	iffNoPI     = 0x1000
)

// netnsPrefix names every namespace this harness creates: fw-<role>-<pid>.
const netnsPrefix = "fw-"

// nsWorker is one OS thread parked inside a network namespace. Everything that must be created
// inside the namespace (sockets, the TUN device, netlink sockets, /proc/thread-self/net reads,
// /proc/sys/net writes) runs there; the file descriptors it makes are then usable from anywhere.
type nsWorker struct {
	name string // netns name as `ip netns` knows it
	reqs chan func()
	done chan struct{}
}

func setns(fd int) error {
	_, _, e := syscall.RawSyscall(sysSetns, uintptr(fd), cloneNewNet, 0)
	if e != 0 {
		return e
	}
	return nil
}

// startNSWorker starts a locked thread in the named namespace. The thread is never unlocked, so
// the Go runtime throws it away when the worker stops instead of reusing it in the wrong netns.
func startNSWorker(name string) (*nsWorker, error) {
	w := &nsWorker{name: name, reqs: make(chan func()), done: make(chan struct{})}
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		f, err := os.Open(filepath.Join("/var/run/netns", name))
		if err != nil {
			errc <- err
			return
		}
		err = setns(int(f.Fd()))
		f.Close()
		if err != nil {
			errc <- fmt.Errorf("setns %s: %w", name, err)
			return
		}
		errc <- nil
		defer close(w.done)
		for fn := range w.reqs {
			fn()
		}
	}()
	if err := <-errc; err != nil {
		return nil, err
	}
	return w, nil
}

// do runs fn on the namespace's thread and waits for it.
func (w *nsWorker) do(fn func()) {
	ch := make(chan struct{})
	w.reqs <- func() { fn(); close(ch) }
	<-ch
}

func (w *nsWorker) stop() {
	close(w.reqs)
	<-w.done
}

// openTUN creates a TUN device (IFF_TUN|IFF_NO_PI: raw IP packets) inside the worker's namespace
// and returns it as a non-blocking *os.File served by Go's poller.
func (w *nsWorker) openTUN(ifname string) (*os.File, error) {
	var f *os.File
	var err error
	w.do(func() {
		fd, e := syscall.Open("/dev/net/tun", syscall.O_RDWR|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if e != nil {
			err = fmt.Errorf("open /dev/net/tun: %w", e)
			return
		}
		var ifr [40]byte
		copy(ifr[:16], ifname)
		*(*uint16)(unsafe.Pointer(&ifr[16])) = iffTun | iffNoPI
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), tunSetIff, uintptr(unsafe.Pointer(&ifr[0]))); e != 0 {
			syscall.Close(fd)
			err = fmt.Errorf("TUNSETIFF %s: %w", ifname, e)
			return
		}
		f = os.NewFile(uintptr(fd), "tun:"+w.name+":"+ifname)
	})
	return f, err
}

// writeSysctl writes /proc/sys/net/<path> from inside the namespace and returns the old value.
func (w *nsWorker) writeSysctl(path, value string) (old string, err error) {
	p := "/proc/sys/net/" + strings.ReplaceAll(path, ".", "/")
	w.do(func() {
		b, e := os.ReadFile(p)
		if e != nil {
			err = e
			return
		}
		old = strings.TrimSpace(string(b))
		err = os.WriteFile(p, []byte(value+"\n"), 0)
	})
	return old, err
}

// readSysctl reads /proc/sys/net/<path> from inside the namespace.
func (w *nsWorker) readSysctl(path string) (string, error) {
	p := "/proc/sys/net/" + strings.ReplaceAll(path, ".", "/")
	var s string
	var err error
	w.do(func() {
		var b []byte
		b, err = os.ReadFile(p)
		s = strings.TrimSpace(string(b))
	})
	return s, err
}

// readProcNet reads /proc/thread-self/net/<file> as the namespace sees it.
func (w *nsWorker) readProcNet(file string) ([]byte, error) {
	var b []byte
	var err error
	w.do(func() { b, err = os.ReadFile("/proc/thread-self/net/" + file) })
	return b, err
}

// socket creates a TCP/IPv4 socket inside the namespace, non-blocking and close-on-exec.
func (w *nsWorker) socket() (int, error) {
	var fd int
	var err error
	w.do(func() {
		fd, err = syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, 0)
	})
	return fd, err
}

func run(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// checkPrivileges says, in words, why this process cannot build namespaces.
func checkPrivileges() error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("must run as root (euid %d): the harness creates network namespaces and TUN devices", os.Geteuid())
	}
	if _, err := exec.LookPath("ip"); err != nil {
		return fmt.Errorf("iproute2 `ip` not found: %w", err)
	}
	if _, err := os.Stat("/dev/net/tun"); err != nil {
		return fmt.Errorf("no /dev/net/tun: %w", err)
	}
	if _, err := os.Stat("/proc/self/ns/net"); err != nil {
		return fmt.Errorf("no network namespace support: %w", err)
	}
	return nil
}

// sweepStale removes namespaces left by an earlier run of this harness whose process is gone.
// Only names of the exact form fw-a-<pid> / fw-b-<pid> are touched.
func sweepStale() {
	ents, err := os.ReadDir("/var/run/netns")
	if err != nil {
		return
	}
	for _, e := range ents {
		n := e.Name()
		if !strings.HasPrefix(n, netnsPrefix) {
			continue
		}
		parts := strings.Split(n, "-")
		if len(parts) != 3 {
			continue
		}
		pid, err := strconv.Atoi(parts[2])
		if err != nil || pid == os.Getpid() {
			continue
		}
		if syscall.Kill(pid, 0) == syscall.ESRCH {
			_ = run("ip", "netns", "del", n)
		}
	}
}
