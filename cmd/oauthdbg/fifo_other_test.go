//go:build !unix

package main

import "errors"

// mkfifo has no named pipes to make here.
func mkfifo(string) error { return errors.New("no named pipes on this system") }
