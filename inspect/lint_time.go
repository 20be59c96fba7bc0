package inspect

import (
	"strconv"
	"strings"
	"time"
)

// The rules about oauth_timestamp (RFC 5849 §3.3): a positive integer of
// seconds since the epoch, close to the time the request was made.

// lintMaxUnix is 9999-12-31T23:59:59Z, the last second a timestamp is read as.
const lintMaxUnix = 253402300799

// timestampWant is what oauth_timestamp must hold, for messages.
const timestampWant = "seconds since 1970-01-01T00:00:00Z"

// timestampKind says how an oauth_timestamp value reads.
type timestampKind int

const (
	timestampAbsent    timestampKind = iota // not sent
	timestampEmpty                          // sent empty
	timestampNotNumber                      // not a positive integer
	timestampSubunit                        // 13, 16 or 19 digits: milli-, micro- or nanoseconds
	timestampTooLate                        // after the year 9999
	timestampSeconds                        // seconds, in n
)

// timestampReading is how the client's oauth_timestamp reads.
type timestampReading struct {
	value  string
	kind   timestampKind
	digits string // the value without leading zeros, for a number
	n      int64  // the seconds, for timestampSeconds
}

// timestamp is how the first oauth_timestamp of the request reads, read
// once per pass for the rules that look at it.
func (p *pass) timestamp() timestampReading {
	if !p.timestampRead {
		p.ts, p.timestampRead = p.readTimestamp(), true
	}
	return p.ts
}

// readTimestamp reads the first oauth_timestamp of the request.
func (p *pass) readTimestamp() timestampReading {
	v, ok := p.protocol(nameTimestamp)
	t := timestampReading{value: v}
	switch {
	case !ok:
		return t
	case v == "":
		t.kind = timestampEmpty
		return t
	}
	t.digits = strings.TrimLeft(v, "0")
	if !isAllDigits(v) || t.digits == "" {
		t.kind = timestampNotNumber
		return t
	}
	switch len(t.digits) {
	case 13, 16, 19:
		t.kind = timestampSubunit
		return t
	}
	n, err := strconv.ParseInt(t.digits, 10, 64)
	if err != nil || n > lintMaxUnix {
		t.kind = timestampTooLate
		return t
	}
	t.kind, t.n = timestampSeconds, n
	return t
}

// lintTimestampInvalid reports an oauth_timestamp that is not a positive
// integer of seconds, with what it looks like instead.
func lintTimestampInvalid(p *pass) {
	const param = "oauth_timestamp"
	t := p.timestamp()
	v := t.value
	switch t.kind {
	case timestampEmpty:
		p.report(param, "oauth_timestamp is empty, want %s", timestampWant)
	case timestampTooLate:
		p.report(param, "oauth_timestamp %s is after the year 9999; it must be %s", lintQuote(v), timestampWant)
	case timestampNotNumber:
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
		p.report(param, "oauth_timestamp %s is not a positive integer of %s%s", lintQuote(v), timestampWant, hint)
	}
}

// lintTimestampMilliseconds reports a timestamp in milli-, micro- or
// nanoseconds, with its value as seconds.
func lintTimestampMilliseconds(p *pass) {
	t := p.timestamp()
	if t.kind != timestampSubunit {
		return
	}
	digits := t.digits
	unit := map[int]string{13: "milliseconds", 16: "microseconds", 19: "nanoseconds"}[len(digits)]
	secs := digits[:10]
	extra := ""
	if ref, which := p.refTime(); !ref.IsZero() {
		n, _ := strconv.ParseInt(secs, 10, 64)
		extra = "; as seconds it is " + skewPhrase(n, ref, which)
	}
	p.report("oauth_timestamp", "oauth_timestamp %s has %d digits: it looks like %s, but it must be %s (%s)%s", digits, len(digits), unit, timestampWant, secs, extra)
}

// lintTimestampSkew reports a timestamp further from the time of the request
// than opts.MaxSkew, and a difference of whole hours as a time zone mistake.
func lintTimestampSkew(p *pass) {
	t := p.timestamp()
	if t.kind != timestampSeconds {
		return
	}
	ref, which := p.refTime()
	if ref.IsZero() {
		return
	}
	diff := time.Unix(t.n, 0).Sub(ref)
	if diff.Abs() <= p.opts.MaxSkew {
		return
	}
	hint := ""
	if a := diff.Abs(); a >= 30*time.Minute && a <= 15*time.Hour {
		off := a % (15 * time.Minute)
		if off <= 2*time.Minute || off >= 13*time.Minute {
			hint = "; a difference of whole hours suggests a clock set to local time read as UTC"
		}
	}
	p.report("oauth_timestamp", "oauth_timestamp %d is %s (allowed skew %s)%s", t.n, skewPhrase(t.n, ref, which), lintDuration(p.opts.MaxSkew), hint)
}

// refTime returns the time the request was made, or opts.Now, with words
// naming it; the zero time when neither is known.
func (p *pass) refTime() (time.Time, string) {
	if !p.r.Started.IsZero() {
		return p.r.Started, "the request time"
	}
	if !p.opts.Now.IsZero() {
		return p.opts.Now, "the current time"
	}
	return time.Time{}, ""
}

// skewPhrase says how far a timestamp is from ref: "5 years 2 months before
// the request time 2016-12-01T00:00:00Z".
func skewPhrase(ts int64, ref time.Time, which string) string {
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
