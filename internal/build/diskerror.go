package build

import (
	"errors"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"

	"sitegen/internal/i18n"
)

// A build or a publish that the disk refuses (a folder the user may not
// write, a full disk, a file system mounted read-only, a rename across a
// mount point) used to end on the system's words, "open
// /srv/www/bao-cao/releases/.tmp-…/index.html: permission denied". An
// admin reading the hook's log needs to know what it means for the site
// and what to do, in the site's language: diskProblem says it.

// diskProblems are the errors of the system a build or a publish explains,
// each by the key of its message; the first that err is wins.
var diskProblems = []struct {
	is  func(err error) bool
	key string
}{
	{func(err error) bool { return errors.Is(err, syscall.EROFS) }, "disk.read-only"},
	{func(err error) bool { return errors.Is(err, fs.ErrPermission) }, "disk.denied"}, // EACCES, EPERM
	{func(err error) bool { return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) }, "disk.full"},
	{func(err error) bool { return errors.Is(err, syscall.EXDEV) }, "disk.cross-device"},
	// -to or -out naming a file, or a folder on a path through one.
	{func(err error) bool { return errors.Is(err, syscall.ENOTDIR) }, "disk.not-folder"},
}

// DiskError is a build or a publish refused by the disk: Msg says it in
// the site's language, with what to do; Err is the system's error.
type DiskError struct {
	Msg string
	Err error
}

func (e *DiskError) Error() string { return e.Msg }
func (e *DiskError) Unwrap() error { return e.Err }

// diskProblem explains err in loc when it is one of diskProblems, for a
// build or publish into d: d.writable is the folder the user must be
// able to write, named when the error names no file. Any other error is
// returned as it is.
func diskProblem(loc *i18n.Locale, err error, d destination) error {
	var de *DiskError
	if err == nil || errors.As(err, &de) {
		return err
	}
	for _, p := range diskProblems {
		if !p.is(err) {
			continue
		}
		folder := absFolder(d.writable)
		where := failedPath(err)
		if where == "" {
			where = folder
		}
		var msg string
		switch p.key {
		case "disk.denied":
			who := runningAs()
			msg = loc.T(p.key, where, who, giveFolder(folder, who, d.own))
		case "disk.full":
			msg = loc.T(p.key, where, folder)
		default:
			msg = loc.T(p.key, where)
		}
		return &DiskError{Msg: msg, Err: err}
	}
	return err
}

// giveFolder is the command that gives the user who the folder: made
// if it is not there yet, and, when it is sitegen's own (a publish
// folder, whose releases an earlier publish by another user may have
// made), with everything in it. The folder that holds an output may hold
// others' files: only the folder itself is given.
func giveFolder(folder, who string, own bool) string {
	chown := "sudo chown " + who + " " + folder
	if own {
		chown = "sudo chown -R " + who + " " + folder
	}
	return "sudo mkdir -p " + folder + " && " + chown
}

// failedPath is the file or folder the system refused, "" when err names
// none. A file or folder that could not be made is not there: the folder
// it was to be made in refused it, and is named instead.
func failedPath(err error) string {
	var p string
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		p = pe.Path
	case errors.As(err, &le):
		p = le.New
	default:
		return ""
	}
	if _, err := os.Lstat(p); err != nil {
		p = filepath.Dir(p)
	}
	return p
}

// runningAs names the user sitegen runs as: the one who must be allowed
// to write.
func runningAs() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return strconv.Itoa(os.Geteuid())
}

// absFolder is folder made absolute for a message an admin copies a
// command from; as given when it cannot be.
func absFolder(folder string) string {
	if abs, err := filepath.Abs(folder); err == nil {
		return abs
	}
	return folder
}

// destination is what a build or a publish writes, for the message of
// a failure the disk caused: writable is the folder the user must be able
// to write; failKey the message that says what failed and what was left
// as it was (place).
// waitKey and busyKey say that it waits for its turn (see takeTurn), and
// that it gave up.
// own says that writable is sitegen's own, every file in it.
type destination struct {
	writable, failKey, place string
	waitKey, busyKey         string
	own                      bool
}

// outputDest is a build's: it writes beside the output folder out.
func outputDest(out string) destination {
	return destination{writable: filepath.Dir(absFolder(out)), failKey: "build.failed", place: out,
		waitKey: "publish.lock.wait", busyKey: "publish.lock.busy"}
}

// publishDest is a publish's (failKey publish.failed) or a rollback's
// into the publish folder dir: current is left as it was.
func publishDest(dir, failKey string) destination {
	return destination{writable: dir, failKey: failKey, place: filepath.Join(dir, "current"),
		waitKey: "publish.to.wait", busyKey: "publish.to.busy", own: true}
}

// failedOn says that a build or publish into d failed for the disk, in
// loc: the explanation of diskProblem inside d's message. Other errors
// are returned as they are.
func failedOn(loc *i18n.Locale, err error, d destination) error {
	e := diskProblem(loc, err, d)
	if e == err {
		return err
	}
	return &DiskError{Msg: loc.T(d.failKey, e.Error(), d.place), Err: err}
}
