package testsite

import (
	"fmt"

	"sitegen/internal/address"
	"sitegen/internal/fold"
	sitemodel "sitegen/internal/site"
)

// Query is a search typed as a reader who leaves out the diacritics
// types it (folded: no tones, đ as d), and the page it is meant to find,
// from the top of the site.
type Query struct{ Q, Target string }

// SearchQueries are the labelled query set of a generated site's model:
// every 20th cell by its name, every 100th article by its title, each
// referrer by its name and each year as "nam 2017".
func SearchQueries(m *sitemodel.Model) []Query {
	var out []Query
	for i, c := range m.Cells {
		if i%20 == 0 {
			out = append(out, Query{fold.String(c.Name), address.Cell(c.ID)})
		}
	}
	for i, a := range m.Articles {
		if i%100 == 0 {
			out = append(out, Query{fold.String(a.Title), address.Article(a.Slug)})
		}
	}
	for _, r := range m.Referrers {
		out = append(out, Query{fold.String(r.Name), address.Referrer(r.ID)})
	}
	for _, y := range m.Years {
		out = append(out, Query{fmt.Sprintf("nam %d", y), address.Year(y)})
	}
	return out
}
