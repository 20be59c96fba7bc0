package main

import (
	"fmt"
	"os"

	"github.com/fatih/color"
)

// colorMode is the value of --color.
type colorMode string

const (
	colorAuto   colorMode = "auto"
	colorAlways colorMode = "always"
	colorNever  colorMode = "never"
)

// Set accepts auto, always or never.
func (m *colorMode) Set(s string) error {
	switch colorMode(s) {
	case colorAuto, colorAlways, colorNever:
		*m = colorMode(s)
		return nil
	}
	return fmt.Errorf("want auto, always or never")
}

// String returns the mode.
func (m *colorMode) String() string { return string(*m) }

// Type names the accepted values in messages.
func (m *colorMode) Type() string { return "auto|always|never" }

// useColor decides for this run whether output is colored: --color=always
// and --color=never decide alone; auto colors only when NO_COLOR is unset or
// empty, TERM is not "dumb" and the given stdout is a terminal. The global
// color.NoColor (computed from os.Stdout at init) is never consulted.
func (c *cli) useColor(m colorMode) bool {
	switch m {
	case colorAlways:
		return true
	case colorNever:
		return false
	}
	if v, ok := c.lookupEnv("NO_COLOR"); ok && v != "" {
		return false
	}
	if v, _ := c.lookupEnv("TERM"); v == "dumb" {
		return false
	}
	f, ok := c.stdout.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// palette holds the colors of one run, each enabled or disabled explicitly
// so that nothing depends on fatih/color's package globals.
type palette struct {
	on                                     bool
	bad, good, warn, bold, faint, del, ins *color.Color
}

func newPalette(on bool) *palette {
	p := &palette{
		on:    on,
		bad:   color.New(color.FgRed, color.Bold),
		good:  color.New(color.FgGreen, color.Bold),
		warn:  color.New(color.FgYellow),
		bold:  color.New(color.Bold),
		faint: color.New(color.Faint),
		del:   color.New(color.FgRed),
		ins:   color.New(color.FgGreen),
	}
	for _, c := range []*color.Color{p.bad, p.good, p.warn, p.bold, p.faint, p.del, p.ins} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}
