package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OutputError says why an output folder was refused. Its text is in plain
// English words for the person who typed -out; Key and Args name the same
// message in the i18n catalogue, so the build can say it in the site's
// language.
type OutputError struct {
	Out, Src string // as the user gave them
	Reason   string
	Key      string
	Args     []any
}

func (e *OutputError) Error() string { return e.Reason }

// CheckOut refuses an output folder that a build would destroy the site
// with: every build replaces the whole output folder, so it must not be
// the site folder, contain it, or be inside data/, content/ or templates/;
// and an existing folder must be the build's own (see owned), unless
// opts.Force. It also refuses one that a build could not replace, a
// mount point, rather than fail once every page is written, and one
// reached through a symlink inside the site folder, which a push could
// have put there.
// Paths are compared absolute and cleaned, with symlinks resolved where
// they exist, so another spelling of the same folder is refused too.
func CheckOut(src, out string, opts Options) error {
	s, err := resolve(src)
	if err != nil {
		return err
	}
	o, err := resolve(out)
	if err != nil {
		return err
	}
	refuse := func(key, format string, args ...any) error {
		return &OutputError{Out: out, Src: src, Reason: fmt.Sprintf(format, args...), Key: key, Args: args}
	}
	switch {
	case o == s:
		return refuse("publish.out.is-site", "the output folder %s is the site folder itself, and a build replaces the whole output folder; choose another, e.g. %s",
			out, filepath.Join(src, "public"))
	case within(s, o):
		return refuse("publish.out.contains-site", "the output folder %s contains the site folder %s, and a build replaces the whole output folder; choose a folder inside or beside the site, e.g. %s",
			out, src, filepath.Join(src, "public"))
	}
	if err := outsideInput(src, s, out, o, "publish.out.inside-input", "the output folder %s is inside the site's %s/ folder, which the build reads; choose a folder outside it, e.g. %s"); err != nil {
		return err
	}
	// The site folder is a checkout that a push controls: a symlink there
	// on the way to the output (public → another site's folder) would let
	// a push choose which folder the build replaces.
	if link := linkInSite(src, s, out); link != "" {
		return refuse("publish.out.link-in-site", "the output folder %s is, or goes through, a symbolic link inside the site folder (%s), where a push to the site's repository can put one and so choose which folder a build replaces; give the folder it leads to instead, -out %s, or a folder outside the site",
			out, link, o)
	}
	if isMountPoint(o) {
		return refuse("publish.out.mount", "the output folder %s is a mount point, and a build replaces the output folder by renaming a new one into its place, which cannot be done to a mount point; nothing was written. Build into a folder inside it, e.g. -out %s, and serve that folder, or mount the folder that holds it instead",
			out, filepath.Join(out, "public"))
	}
	if opts.Force {
		return nil
	}
	return owned(o, out)
}

// outsideInput refuses a folder o (given as out) inside the site's
// data/, content/ or templates/ (the site folder src, s resolved), with
// the message key and its English format (out, the folder, an example).
func outsideInput(src, s, out, o, key, format string) error {
	for _, dir := range []string{"data", "content", "templates"} {
		if d := filepath.Join(s, dir); o == d || within(o, d) {
			args := []any{out, dir, filepath.Join(src, "public")}
			return &OutputError{Out: out, Src: src, Reason: fmt.Sprintf(format, args...), Key: key, Args: args}
		}
	}
	return nil
}

// owned refuses to let a build replace the folder o (given as out)
// unless it is the build's own: absent, empty, or holding a manifest of
// a build (see manifest.go) and nothing the manifest does not list. A
// build replaces the whole output folder, so this is what keeps it from
// deleting a file it did not write, whatever it is called: another
// site's folder under the same web root, a document put there by hand,
// a folder mounted inside. A folder with no manifest is refused too:
// another's, whatever its files are called (index.html is in many), or
// one built by a sitegen older than the manifest, which the admin builds
// into once with -force after looking at it.
func owned(o, out string) error {
	if fi, err := os.Stat(o); err == nil && !fi.IsDir() {
		return notAFolder(out)
	}
	entries, err := os.ReadDir(o)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil
	}
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(o)
	if err != nil {
		return err
	}
	m, merr := readManifest(root)
	root.Close()
	s, err := strays(o, m)
	switch {
	case err != nil:
		return err
	case merr != nil && !errors.Is(merr, fs.ErrNotExist):
		return &OutputError{Out: out, Key: "publish.out.bad-manifest", Args: []any{out, ManifestName},
			Reason: fmt.Sprintf("the output folder %s holds %s, but not as a build of sitegen writes it (damaged, or changed by hand), so which files of the folder a build wrote is not known; a build replaces the whole folder and would delete them. Check the folder: if it holds only this site, build once with -force, which writes the list again; otherwise choose a new or empty folder", out, ManifestName)}
	case merr != nil:
		return &OutputError{Out: out, Key: "publish.out.no-manifest", Args: []any{out, s.first, ManifestName},
			Reason: fmt.Sprintf("the output folder %s holds files (%s, …) but no %s, the list of the files a build of sitegen wrote there, so they may be anyone's; a build replaces the whole folder and would delete them. Choose a new or empty folder. If the folder holds only this site, built by a sitegen older than the manifest, check it and build once with -force; later builds need no -force", out, s.first, ManifestName)}
	case s.count == 1:
		return &OutputError{Out: out, Key: "publish.out.stray", Args: []any{out, s.first, ManifestName},
			Reason: fmt.Sprintf("the output folder %s holds %s, which no build of sitegen wrote (it is not in %s); a build replaces the whole folder and would delete it. Move it out of the folder, or choose another output folder; if it may go, build once with -force", out, s.first, ManifestName)}
	case s.count > 1:
		return &OutputError{Out: out, Key: "publish.out.strays", Args: []any{out, s.first, s.count - 1, ManifestName},
			Reason: fmt.Sprintf("the output folder %s holds %s and %d more, which no build of sitegen wrote (they are not in %s); a build replaces the whole folder and would delete them. Move them out of the folder, or choose another output folder; if they may go, build once with -force", out, s.first, s.count-1, ManifestName)}
	}
	return nil
}

// linkInSite returns the first symlink on the way from the site folder
// down to the output, spelled from src, when out is inside the site
// folder as src spells it or as it is (site: src resolved); "" when
// there is none. Links above the site folder are not the site's.
func linkInSite(src, site, out string) string {
	absSrc, err := filepath.Abs(src)
	if err != nil {
		return ""
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	for _, base := range [][2]string{{absSrc, src}, {site, site}} {
		if !within(absOut, base[0]) {
			continue
		}
		rel, _ := filepath.Rel(base[0], absOut)
		cur, shown := base[0], base[1]
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			cur, shown = filepath.Join(cur, part), filepath.Join(shown, part)
			fi, err := os.Lstat(cur)
			if err != nil {
				break // not made yet
			}
			if fi.Mode()&os.ModeSymlink != 0 {
				return shown
			}
		}
	}
	return ""
}

// isMountPoint is mountPoint; tests replace it.
var isMountPoint = mountPoint

// within reports whether path p is strictly inside folder dir; both are
// clean and absolute.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == "." {
		return false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
