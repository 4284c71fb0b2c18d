// Package reference holds, in its tests, a second and deliberately simple
// implementation of every figure the site publishes, written straight from
// the rules of the input format (docs/data-format.md and DATA-FORMAT.md,
// "Totals and derived figures", "Published names"), and a test that holds
// generated sites up against it.
//
// The reference shares no code with the production figure query
// (internal/data's Figure, History and Chart), the site model, the charts
// or the pages: it keeps the records a random generator made in memory
// and answers each question by walking them again, with nested loops and
// no caches, each function quoting the rule it implements. It is slow on
// purpose, so that it can be read and trusted.
//
// The test (reference_test.go) generates small random sites — trees two
// to four deep, cells founded and closed mid-year, approximate and dated
// records, a dated record beside a whole-year one, partial coverage,
// parts, totals for a term, year and term targets, memberships,
// referrals, and articles at random dates citing only what the reference
// says was known on their date — builds each with internal/build, and
// compares the output with the reference: every anchor and figure of
// every cell and referrer page, every figure an article cites and where
// its link lands, every row of every chart table, and every CSV, workbook and JSON
// download. The checker returns its findings rather than failing, so a
// second test can plant a fault in each of those places in a built site
// and see that the checker reports it.
//
// The package has no non-test code besides this comment.
package reference
