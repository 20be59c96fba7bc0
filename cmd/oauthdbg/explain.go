package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/oauthdbg/oauthdbg/compare"
	"github.com/oauthdbg/oauthdbg/inspect"
)

func (c *cli) explain(args []string) error {
	var asJSON, asMarkdown, listProviders bool
	fs := c.newFlagSet("explain")
	fs.BoolVar(&asJSON, "json", false, "")
	fs.BoolVar(&asMarkdown, "markdown", false, "")
	fs.BoolVar(&listProviders, "providers", false, "")
	if done, err := c.parseFlags(fs, args, "explain"); done {
		return err
	}
	if listProviders {
		if asMarkdown {
			return usageErr("--providers prints text or --json")
		}
		return c.explainProviders(fs.Args(), asJSON)
	}
	switch {
	case asJSON && asMarkdown:
		return usageErr("--json and --markdown cannot be combined", "pick one output format")
	case fs.NArg() > 1:
		return usageErr(fmt.Sprintf("explain takes at most one ID, got %d", fs.NArg()), "run 'oauthdbg explain' for the list")
	}
	enc := json.NewEncoder(&c.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if fs.NArg() == 0 {
		cat := compare.Catalogue()
		switch {
		case asJSON:
			return enc.Encode(cat)
		case asMarkdown:
			writeCatalogueMarkdown(&c.out, cat)
		default:
			tw := tabwriter.NewWriter(&c.out, 0, 0, 2, ' ', 0)
			for _, m := range cat {
				fmt.Fprintf(tw, "%s\t%s\n", m.ID, m.Title)
			}
			_ = tw.Flush()
			fmt.Fprintf(&c.out, "\n%d mistakes. tip: 'oauthdbg explain ID' shows one in full\n", len(cat))
		}
		return nil
	}
	id := fs.Arg(0)
	m, ok := compare.Lookup(id)
	if !ok {
		hints := []string{"run 'oauthdbg explain' for the list"}
		if near := nearestIDs(id); len(near) > 0 {
			hints = append([]string{"did you mean " + strings.Join(near, " or ") + "?"}, hints...)
		}
		return usageErr(fmt.Sprintf("no mistake %q in the catalogue", truncate(id, 60)), hints...)
	}
	if asJSON {
		return enc.Encode(m)
	}
	if asMarkdown {
		writeMistakeMarkdown(&c.out, m)
		return nil
	}
	w := &c.out
	fmt.Fprintf(w, "%s: %s\n\n", m.ID, m.Title)
	fmt.Fprintf(w, "%s\n", strings.TrimSpace(m.Doc))
	if m.RFC != "" {
		fmt.Fprintf(w, "\nrule: %s\n", rfcRef(m.RFC))
	}
	if m.Fix != "" {
		fmt.Fprintf(w, "fix: %s\n", m.Fix)
	}
	if len(m.KnownIn) > 0 {
		fmt.Fprintf(w, "known in:\n")
		for _, k := range m.KnownIn {
			fmt.Fprintf(w, "  - %s\n", k)
		}
	}
	// compare.Replay replays every catalogue mistake, so sign can show each.
	fmt.Fprintf(w, "\ntip: 'oauthdbg sign --mistake %s …' shows what a client with this mistake sends\n", m.ID)
	return nil
}

// writeCatalogueMarkdown writes the catalogue as a Markdown table: id, title, RFC rule.
func writeCatalogueMarkdown(w io.Writer, cat []compare.Mistake) {
	fmt.Fprintln(w, "| id | mistake | rule |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, m := range cat {
		fmt.Fprintf(w, "| `%s` | %s | %s |\n", m.ID, mdCell(m.Title), mdCell(rfcRefOrEmpty(m.RFC)))
	}
}

// writeMistakeMarkdown writes one mistake in full as Markdown.
func writeMistakeMarkdown(w io.Writer, m compare.Mistake) {
	fmt.Fprintf(w, "### `%s`: %s\n\n%s\n", m.ID, m.Title, strings.TrimSpace(m.Doc))
	if m.RFC != "" {
		fmt.Fprintf(w, "\n**Rule:** %s\n", rfcRef(m.RFC))
	}
	if m.Fix != "" {
		fmt.Fprintf(w, "\n**Fix:** %s\n", m.Fix)
	}
	if len(m.KnownIn) > 0 {
		fmt.Fprintf(w, "\n**Known in:**\n\n")
		for _, k := range m.KnownIn {
			fmt.Fprintf(w, "- %s\n", k)
		}
	}
}

// rfcRefOrEmpty is rfcRef, or "" for no reference.
func rfcRefOrEmpty(s string) string {
	if s == "" {
		return ""
	}
	return rfcRef(s)
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// nearestIDs returns the catalogue ids closest to a mistyped one.
func nearestIDs(id string) []string {
	type cand struct {
		id   string
		dist int
	}
	var cs []cand
	for _, m := range compare.Catalogue() {
		d := inspect.EditDistance(strings.ToLower(id), m.ID, 4)
		if strings.Contains(m.ID, strings.ToLower(id)) && len(id) >= 4 {
			d = 1
		}
		if d <= 3 {
			cs = append(cs, cand{m.ID, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].dist < cs[j].dist })
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].id)
	}
	return out
}

// explainProviders lists the known providers, or shows the named ones in
// full: endpoints, methods, deviations from RFC 5849, notes and sources.
func (c *cli) explainProviders(names []string, asJSON bool) error {
	list := compare.Providers()
	if len(names) > 0 {
		list = list[:0]
		for _, n := range names {
			p, ok := compare.LookupProvider(n)
			if !ok {
				return usageErr(fmt.Sprintf("no provider %q", truncate(n, 60)), "known: "+strings.Join(compare.ProviderNames(), ", "))
			}
			list = append(list, p)
		}
	}
	if asJSON {
		enc := json.NewEncoder(&c.out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(list)
	}
	if len(names) == 0 {
		tw := tabwriter.NewWriter(&c.out, 0, 0, 2, ' ', 0)
		for _, p := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Name, p.Title, strings.Join(p.Methods, ", "))
		}
		_ = tw.Flush()
		fmt.Fprintf(&c.out, "\n%d providers. tip: 'oauthdbg explain --providers NAME' shows one in full; 'oauthdbg flow --provider NAME' walks its flow\n", len(list))
		return nil
	}
	for i, p := range list {
		if i > 0 {
			fmt.Fprintln(&c.out)
		}
		fmt.Fprintf(&c.out, "%s: %s\n", p.Name, p.Title)
		for _, e := range []struct{ name, url string }{{"request token", p.RequestTokenURL}, {"authorize", p.AuthorizeURL}, {"access token", p.AccessTokenURL}, {"a call", p.CallURL}} {
			if e.url != "" {
				fmt.Fprintf(&c.out, "  %-14s %s\n", e.name+":", e.url)
			}
		}
		fmt.Fprintf(&c.out, "  methods:       %s\n", strings.Join(p.Methods, ", "))
		for _, d := range p.Deviations {
			fmt.Fprintf(&c.out, "  deviation:     %s [%s]\n", d.Rule, d.Mistake)
		}
		for _, n := range p.Notes {
			fmt.Fprintf(&c.out, "  note:          %s\n", n)
		}
		for _, s := range p.Sources {
			fmt.Fprintf(&c.out, "  source:        %s\n", s)
		}
		if p.NeedsBase() {
			fmt.Fprintf(&c.out, "  {base} is your own host: give --base-url\n")
		}
	}
	return nil
}
