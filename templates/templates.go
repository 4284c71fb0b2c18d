// Package templates holds the built-in page templates and assets of
// sitegen, embedded in the binary. A site's own templates/ folder
// overrides them file by file (see internal/render).
package templates

import "embed"

// FS holds the built-in files at the paths a site's templates/ folder
// would use: "layout.html", "cell.html", "assets/site.css", …
//
//go:embed *.html feed.xml sitemap.xml robots.txt partials all:assets
var FS embed.FS
