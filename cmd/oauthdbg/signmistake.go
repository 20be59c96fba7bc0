package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

// mistakeChoice is the replay sign uses: the part chosen, and every part
// the mistake concerns on the request, in the catalogue's order.
type mistakeChoice struct {
	chosen compare.Replayed
	all    []compare.Replayed
}

// replayMistake replays in.mistake on the request as sent (without its
// signature), read back from its curl command the way check reads it, and
// picks the part in.mistakePart names, or the first.
func replayMistake(in signInput) (*mistakeChoice, error) {
	final, auth := in.withSignature("")
	req, err := inspect.ReadCurl(curlCommand(final, auth), "sign")
	if err != nil {
		return nil, usageErr(fmt.Sprintf("sign with --mistake %s: %v", in.mistake, err))
	}
	all, err := compare.Replay(in.mistake, req, in.creds, in.sigMethod)
	var na *compare.NotApplicableError
	switch {
	case errors.Is(err, compare.ErrUnknownMistake):
		return nil, usageErr(fmt.Sprintf("unknown mistake %q", in.mistake), "run 'oauthdbg explain' for the catalogue")
	case errors.As(err, &na):
		return nil, usageErr(fmt.Sprintf("--mistake %s makes no difference to this request", in.mistake), na.Reason)
	case err != nil:
		return nil, usageErr(fmt.Sprintf("sign with --mistake %s: %v", in.mistake, err))
	}
	if !in.partSet {
		return &mistakeChoice{chosen: all[0], all: all}, nil
	}
	for _, r := range all {
		if r.Label == in.mistakePart {
			return &mistakeChoice{chosen: r, all: all}, nil
		}
	}
	return nil, usageErr(fmt.Sprintf("--mistake-part %s: %s concerns no such part of this request", shellQuote(in.mistakePart), in.mistake),
		"its parts here: "+partLabels(all))
}

// partLabels lists the parts of a replay as a user types them.
func partLabels(rs []compare.Replayed) string {
	labels := make([]string, len(rs))
	for i, r := range rs {
		labels[i] = shellQuote(r.Label)
	}
	return strings.Join(labels, ", ")
}

// note says which part was signed when the mistake concerns several parts
// of the request and none was chosen.
func (m *mistakeChoice) note(id string) string {
	if len(m.all) < 2 {
		return ""
	}
	return fmt.Sprintf("%s concerns %d parts of this request; signed %s, choose another with --mistake-part: %s",
		id, len(m.all), shellQuote(m.chosen.Label), partLabels(m.all[1:]))
}
