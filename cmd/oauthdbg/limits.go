package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// The limits of the inputs read whole. Each ends a run with status 2 and a
// message naming the limit, never with an out-of-memory crash.
const (
	// fileFlagLimit bounds --secrets, --public-key and --private-key.
	fileFlagLimit = 1 << 20 // 1 MiB
	// diffOperandLimit bounds each operand of diff (a file or stdin).
	diffOperandLimit = 64 << 20 // 64 MiB
)

// errTooLarge is wrapped by readLimited when the input passes its limit.
var errTooLarge = errors.New("input too large")

// readLimited reads r to its end, or fails once it holds more than limit
// bytes, without reading further.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than %s", errTooLarge, byteSize(limit))
	}
	return data, nil
}

// byteSize writes a limit as "1 MiB" or "64 MiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readFileOnce reads a file flag's file, at most fileFlagLimit bytes, once
// per run: the secrets are looked for before the flags are parsed and then
// read again, and a file given as <(…), /dev/stdin or a FIFO yields its
// content only to the first read.
func (c *cli) readFileOnce(path string) ([]byte, error) {
	return c.readFileLimit(path, fileFlagLimit)
}

// readFileLimit is readFileOnce with its own limit.
func (c *cli) readFileLimit(path string, limit int64) ([]byte, error) {
	if d, ok := c.files[path]; ok {
		return d.data, d.err
	}
	data, err := readPath(path, limit)
	if c.files == nil {
		c.files = make(map[string]fileData)
	}
	c.files[path] = fileData{data, err}
	return data, err
}

// readPath opens and reads one file up to limit bytes.
func readPath(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readLimited(f, limit)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return data, nil
}
