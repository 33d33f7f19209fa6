package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// Namespaces still standing are removed on SIGINT/SIGTERM/SIGHUP as well as by the deferred
// cleanup of each recording.
var (
	cleanupMu  sync.Mutex
	cleanupNS  = map[string]bool{}
	restoreSys = map[string][]byte{} // host-wide sysctl path → value to write back
	signalOnce sync.Once
)

func registerCleanup(ns string) {
	signalOnce.Do(func() {
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
		go func() {
			sig := <-ch
			cleanupMu.Lock()
			for p, v := range restoreSys {
				if err := os.WriteFile(p, v, 0); err != nil {
					fmt.Fprintln(os.Stderr, "restore", p, err)
				}
			}
			for n := range cleanupNS {
				if err := run("ip", "netns", "del", n); err != nil {
					fmt.Fprintln(os.Stderr, "cleanup:", err)
				}
			}
			cleanupMu.Unlock()
			fmt.Fprintf(os.Stderr, "conformance: %v: namespaces removed\n", sig)
			os.Exit(130)
		}()
	})
	if ns == "" {
		return
	}
	cleanupMu.Lock()
	cleanupNS[ns] = true
	cleanupMu.Unlock()
}

func unregisterCleanup(ns string) {
	cleanupMu.Lock()
	delete(cleanupNS, ns)
	cleanupMu.Unlock()
}

// registerRestore remembers a host-wide sysctl's old value so that a signal restores it too.
func registerRestore(path string, old []byte) {
	registerCleanup("")
	cleanupMu.Lock()
	restoreSys[path] = old
	cleanupMu.Unlock()
}

func unregisterRestore(path string) {
	cleanupMu.Lock()
	delete(restoreSys, path)
	cleanupMu.Unlock()
}
