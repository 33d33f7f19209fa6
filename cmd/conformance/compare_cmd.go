package main

import "fmt"

func cmdCompare(args []string) error { return fmt.Errorf("compare: not yet") }
