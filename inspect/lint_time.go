package inspect

import (
	"strconv"
	"strings"
	"time"
)

// lintMaxUnix is 9999-12-31T23:59:59Z, the last second a timestamp is read as.
const lintMaxUnix = 253402300799

// checkTimestamp checks oauth_timestamp (RFC 5849 §3.3): a positive integer
// of seconds since the epoch, close to the time the request was made.
func (l *linter) checkTimestamp() {
	const param = "oauth_timestamp"
	v, ok := l.value(param)
	if !ok {
		return
	}
	const want = "seconds since 1970-01-01T00:00:00Z"
	if v == "" {
		l.add("timestamp-invalid", param, "", "oauth_timestamp is empty, want %s", want)
		return
	}
	digits := strings.TrimLeft(v, "0")
	if strings.Trim(v, "0123456789") != "" || digits == "" {
		hint := ""
		ip, fp, dot := strings.Cut(v, ".")
		switch {
		case dot && ip != "" && strings.Trim(ip, "0123456789") == "" && strings.Trim(fp, "0123456789") == "":
			hint = ": fractional seconds are not allowed"
		case strings.TrimSpace(v) != v && strings.Trim(strings.TrimSpace(v), "0123456789") == "":
			hint = ": remove the white space"
		case strings.HasPrefix(v, "-"):
			hint = ": it is negative"
		default:
			if _, err := time.Parse(time.RFC3339, v); err == nil {
				hint = ": it is a date, not a number"
			} else if _, err := time.Parse(time.RFC1123, v); err == nil {
				hint = ": it is a date, not a number"
			}
		}
		l.add("timestamp-invalid", param, "", "oauth_timestamp %s is not a positive integer of %s%s", lintQuote(v), want, hint)
		return
	}
	switch len(digits) {
	case 13, 16, 19:
		unit := map[int]string{13: "milliseconds", 16: "microseconds", 19: "nanoseconds"}[len(digits)]
		secs := digits[:10]
		extra := ""
		if ref, which := l.refTime(); !ref.IsZero() {
			n, _ := strconv.ParseInt(secs, 10, 64)
			extra = "; as seconds it is " + l.skewPhrase(n, ref, which)
		}
		l.add("timestamp-milliseconds", param, "", "oauth_timestamp %s has %d digits: it looks like %s, but it must be %s (%s)%s", digits, len(digits), unit, want, secs, extra)
		return
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > lintMaxUnix {
		l.add("timestamp-invalid", param, "", "oauth_timestamp %s is after the year 9999; it must be %s", lintQuote(v), want)
		return
	}
	ref, which := l.refTime()
	if ref.IsZero() {
		return
	}
	diff := time.Unix(n, 0).Sub(ref)
	if diff.Abs() <= l.opts.MaxSkew {
		return
	}
	hint := ""
	if a := diff.Abs(); a >= 30*time.Minute && a <= 15*time.Hour {
		off := a % (15 * time.Minute)
		if off <= 2*time.Minute || off >= 13*time.Minute {
			hint = "; a difference of whole hours suggests a clock set to local time read as UTC"
		}
	}
	l.add("timestamp-skew", param, "", "oauth_timestamp %d is %s (allowed skew %s)%s", n, l.skewPhrase(n, ref, which), lintDuration(l.opts.MaxSkew), hint)
}

// refTime returns the time the request was made, or opts.Now, with words
// naming it; the zero time when neither is known.
func (l *linter) refTime() (time.Time, string) {
	if !l.r.Started.IsZero() {
		return l.r.Started, "the request time"
	}
	if !l.opts.Now.IsZero() {
		return l.opts.Now, "the current time"
	}
	return time.Time{}, ""
}

// skewPhrase says how far a timestamp is from ref: "5 years 2 months before
// the request time 2016-12-01T00:00:00Z".
func (l *linter) skewPhrase(ts int64, ref time.Time, which string) string {
	t := time.Unix(ts, 0).UTC()
	ref = ref.UTC()
	at := which + " " + ref.Format(time.RFC3339)
	switch {
	case t.Equal(ref):
		return "equal to " + at
	case t.Before(ref):
		return lintSpan(t, ref) + " before " + at
	}
	return lintSpan(ref, t) + " after " + at
}

// lintDuration writes d in words, e.g. "5 minutes".
func lintDuration(d time.Duration) string {
	t := time.Unix(0, 0).UTC()
	return lintSpan(t, t.Add(d))
}

// lintSpan writes the time from a to b (a before b) in words, the two
// largest units that are not zero: "5 years 1 month", "2 hours",
// "7 minutes 30 seconds". Under a day the span is rounded to the smaller
// unit shown; from a day on, years, months and days follow the calendar and
// are rounded down.
func lintSpan(a, b time.Time) string {
	if d := b.Sub(a); d < 24*time.Hour {
		if d < time.Second {
			return "less than a second"
		}
		if d >= time.Hour {
			d = d.Round(time.Minute)
		} else {
			d = d.Round(time.Second)
		}
		if d < 24*time.Hour {
			return lintSpanWords(0, 0, 0, int64(d/time.Hour), int64(d%time.Hour/time.Minute), int64(d%time.Minute/time.Second))
		}
		b = a.Add(d)
	}
	y := b.Year() - a.Year()
	m := int(b.Month()) - int(a.Month())
	if m < 0 {
		y, m = y-1, m+12
	}
	if a.AddDate(y, m, 0).After(b) {
		if m--; m < 0 {
			y, m = y-1, m+12
		}
	}
	rest := b.Sub(a.AddDate(y, m, 0))
	days := int64(rest / (24 * time.Hour))
	rest -= time.Duration(days) * 24 * time.Hour
	return lintSpanWords(int64(y), int64(m), days, int64(rest/time.Hour), int64(rest%time.Hour/time.Minute), int64(rest%time.Minute/time.Second))
}

// lintSpanWords writes the first unit that is not zero and the next one when it
// is not zero either: "2 days 2 hours", "3 minutes".
func lintSpanWords(n ...int64) string {
	names := [...]string{"year", "month", "day", "hour", "minute", "second"}
	var parts []string
	for i, v := range n {
		if v == 0 {
			if len(parts) > 0 {
				break
			}
			continue
		}
		s := strconv.FormatInt(v, 10) + " " + names[i]
		if v != 1 {
			s += "s"
		}
		if parts = append(parts, s); len(parts) == 2 {
			break
		}
	}
	if len(parts) == 0 {
		return "less than a second"
	}
	return strings.Join(parts, " ")
}
