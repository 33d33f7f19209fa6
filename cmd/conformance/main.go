// Command conformance checks finwait's model against the real Linux kernel.
//
//	conformance record [-scenario a,b | -all] [-out testdata/kernel] [-global-sysctls] [-v]
//	    (root) runs each scenario with real sockets in two network namespaces joined by a
//	    user-space TUN wire and writes testdata/kernel/<uname -r>/<scenario>.json (+ .log)
//	conformance compare [-kernel testdata/kernel/<release>] [-doc docs/conformance.md]
//	    (no root) compares the model's modern-profile traces with the recordings and writes the report
//	conformance list
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case childArg:
		runChild()
		return
	case "record":
		err = cmdRecord(os.Args[2:])
	case "compare":
		err = cmdCompare(os.Args[2:])
	case "list":
		for _, n := range scenarioNames() {
			m := metaFor(n)
			status := "recordable"
			if _, ok := lookupScenario(n); !ok {
				status = "no definition yet (waiting for the core catalog)"
			}
			if m.Skip != "" {
				status = "skip: " + m.Skip
			}
			fmt.Printf("%-30s %s\n", n, status)
		}
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: conformance record|compare|list [flags] (see -h of each)")
	os.Exit(2)
}

func kernelRelease() string {
	var u syscall.Utsname
	if err := syscall.Uname(&u); err != nil {
		return "unknown"
	}
	var b []byte
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b = append(b, byte(c))
	}
	return string(b)
}

func cmdRecord(args []string) error {
	fs := flag.NewFlagSet("record", flag.ExitOnError)
	names := fs.String("scenario", "", "comma-separated scenario names")
	all := fs.Bool("all", false, "every recordable scenario")
	out := fs.String("out", "testdata/kernel", "output root; files go to <out>/<uname -r>/")
	global := fs.Bool("global-sysctls", false, "allow host-wide sysctls (tcp_max_orphans …), restored afterwards")
	verbose := fs.Bool("v", false, "log to stderr")
	fs.Parse(args)
	if err := checkPrivileges(); err != nil {
		return fmt.Errorf("cannot record: %v", err)
	}
	sweepStale()
	var list []string
	switch {
	case *all:
		for _, n := range scenarioNames() {
			if _, ok := lookupScenario(n); ok && metaFor(n).Skip == "" {
				list = append(list, n)
			}
		}
	case *names != "":
		list = strings.Split(*names, ",")
	default:
		return fmt.Errorf("record: give -scenario NAME[,NAME] or -all")
	}
	dir := filepath.Join(*out, kernelRelease())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	failed := 0
	for _, n := range list {
		sc, ok := lookupScenario(n)
		if !ok {
			fmt.Fprintf(os.Stderr, "%s: unknown scenario\n", n)
			failed++
			continue
		}
		m := metaFor(n)
		if m.Skip != "" && !*all && !(*global && strings.Contains(m.Skip, "host-wide")) {
			fmt.Fprintf(os.Stderr, "%s: skipped: %s\n", n, m.Skip)
			continue
		}
		rec, err := record(sc, m, recordOptions{GlobalSysctls: *global, Verbose: *verbose})
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", n, err)
			failed++
			continue
		}
		rec.Trace.Profile = "kernel " + kernelRelease()
		b, err := json.Marshal(rec.Trace)
		if err != nil {
			return err
		}
		var pretty bytes.Buffer
		pretty.Write(b)
		p := filepath.Join(dir, n+".json")
		if err := os.WriteFile(p, pretty.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, n+".log"), []byte(rec.Log), 0o644); err != nil {
			return err
		}
		status := "ok"
		if len(rec.Errs) > 0 {
			status = fmt.Sprintf("%d harness errors (see .log)", len(rec.Errs))
			failed++
		}
		fmt.Printf("%-30s %4d packets  %s  -> %s\n", n, len(rec.Trace.Packets()), status, p)
	}
	if failed > 0 {
		return fmt.Errorf("%d scenario(s) failed", failed)
	}
	return nil
}
