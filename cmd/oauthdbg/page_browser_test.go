package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath returns Debian's chromium, or skips the test where it is
// absent; in CI (CI=true) it must be there, since .ci/run installs it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed in CI; .ci/run installs Debian's chromium")
	}
	t.Skip("chromium is not installed (apt-get install chromium); the browser test of the page is skipped")
	return ""
}

// browser starts headless Chromium for the test and records console
// errors, exceptions and every URL the page requests.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
	requests []string
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1400),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	b := &browser{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		b.mu.Lock()
		defer b.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				b.problems = append(b.problems, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
			}
		case *runtime.EventExceptionThrown:
			b.problems = append(b.problems, "exception: "+e.ExceptionDetails.Text)
		case *network.EventRequestWillBeSent:
			b.requests = append(b.requests, e.Request.URL)
		}
	})
	if err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enable the network domain: %v", err)
	}
	return b
}

// step runs browser actions with a bound on their time.
func (b *browser) step(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// value runs one action that returns a value, with a bound on its time.
func value[T any](t *testing.T, b *browser, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// TestPageInBrowser drives the test page in headless Chromium: a failing
// demo request is checked and its cause shown; the sign tab walks the
// three-legged flow to an access token and a call. The console stays
// clean and the page requests nothing from another origin. With -update it
// writes the README's screenshot.
func TestPageInBrowser(t *testing.T) {
	b := newBrowser(t)
	ts := startServe(t)
	key, secret := ts.demoConsumer(t)

	b.step(t, "check the demo request",
		chromedp.Navigate(ts.base+"/"),
		chromedp.WaitVisible(chromedp.ID("check-demo")),
		chromedp.Click(chromedp.ID("check-demo")),
		chromedp.Click(chromedp.ID("check-run")),
		chromedp.WaitVisible(chromedp.CSS(".report .cause")),
	)
	causeText := value(t, b, "read the report", chromedp.Text(chromedp.CSS(".report")))
	for _, want := range []string{"✗ signature mismatch (HMAC-SHA1)", "[plus-for-space]", "fix:"} {
		if !strings.Contains(causeText, want) {
			t.Errorf("the report lacks %q:\n%s", want, causeText)
		}
	}
	if strings.Contains(causeText, "dEmOcOnSuMeRsEcReT5Wn8Rk") {
		t.Error("the report shows the consumer secret")
	}
	if *update {
		png := value(t, b, "screenshot", chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(repoRoot(t), "testdata", "demo", "serve-page.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	b.step(t, "request token",
		chromedp.Click(chromedp.ID("tab-sign")),
		chromedp.SetValue(chromedp.ID("sign-consumer-key"), key),
		chromedp.SetValue(chromedp.ID("sign-consumer-secret"), secret),
		chromedp.Click(chromedp.ID("flow-request-token")),
		chromedp.WaitEnabled(chromedp.ID("flow-authorize")),
	)
	b.step(t, "authorize in the provider's page",
		chromedp.Click(chromedp.ID("flow-authorize")),
		chromedp.Poll[chromedp.Void](`(() => { const d = document.getElementById("flow-frame").contentDocument; return d && d.getElementById("approve") !== null; })()`),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("flow-frame").contentDocument.getElementById("approve").click()`),
		chromedp.WaitEnabled(chromedp.ID("flow-access-token")),
	)
	b.step(t, "access token and a call",
		chromedp.Click(chromedp.ID("flow-access-token")),
		chromedp.WaitEnabled(chromedp.ID("flow-call")),
		chromedp.Click(chromedp.ID("flow-call")),
		chromedp.Poll[chromedp.Void](`document.getElementById("flow-call-out").textContent.includes("→")`),
	)
	if callOut := value(t, b, "read the call", chromedp.Text(chromedp.ID("flow-call-out"))); !strings.Contains(callOut, "→ 200") {
		t.Errorf("the call answered %q, want → 200\nserver log:\n%s", callOut, ts.stderr)
	}
	if log := value(t, b, "read the log", chromedp.Text(chromedp.ID("sign-log"))); strings.Contains(log, secret) {
		t.Error("the sign log shows the consumer secret")
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.problems) > 0 {
		t.Errorf("the console is not clean:\n%s", strings.Join(b.problems, "\n"))
	}
	origin, _ := url.Parse(ts.base)
	for _, r := range b.requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Host != origin.Host) {
			t.Errorf("the page requested another origin: %s", r)
		}
	}
	if len(b.requests) < 8 {
		t.Errorf("only %d requests seen; the page did not run: %v", len(b.requests), b.requests)
	}
}
