package history

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"time"

	"sitegen/internal/version"
)

// objects reads objects of one repository through one long-lived
// `git cat-file --batch-command`: a commit's data/ tree and its blobs cost
// a line written and read each, not a process each (a process costs
// some milliseconds, a thousand commits seconds).
type objects struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	w   *bufio.Writer
	out *bufio.Reader
	// blobs are the TOML files read for the version being loaded and
	// the one before, by id: a version shares most files with the one
	// before it.
	blobs, last map[string][]byte
}

func openObjects(dir string) (*objects, error) {
	cmd := version.Git(dir, "cat-file", "--batch-command")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &objects{cmd: cmd, in: in, w: bufio.NewWriter(in), out: bufio.NewReader(out), blobs: make(map[string][]byte), last: make(map[string][]byte)}, nil
}

func (o *objects) close() {
	o.in.Close()
	o.cmd.Wait()
}

// errMissing is an object the repository does not hold: a commit
// without data/.
var errMissing = errors.New("no such object")

// ask sends one command and reads the header of its answer: the object's
// id, type and size.
func (o *objects) ask(command, name string) (id, kind string, size int, err error) {
	if strings.ContainsAny(name, "\n") {
		return "", "", 0, fmt.Errorf("git cat-file: %q", name)
	}
	fmt.Fprintf(o.w, "%s %s\n", command, name)
	if err := o.w.Flush(); err != nil {
		return "", "", 0, err
	}
	head, err := o.out.ReadString('\n')
	if err != nil {
		return "", "", 0, fmt.Errorf("git cat-file: %w", err)
	}
	fields := strings.Fields(head)
	if len(fields) == 2 && fields[1] == "missing" {
		return "", "", 0, errMissing
	}
	if len(fields) != 3 {
		return "", "", 0, fmt.Errorf("git cat-file: %q", strings.TrimSpace(head))
	}
	size, err = strconv.Atoi(fields[2])
	if err != nil {
		return "", "", 0, fmt.Errorf("git cat-file: %q", strings.TrimSpace(head))
	}
	return fields[0], fields[1], size, nil
}

// ids returns the id of each object of names ("<commit>:data"), "" for
// one the repository does not hold. The questions are written while the
// answers are read, so a thousand cost one round trip, not a thousand.
func (o *objects) ids(names []string) ([]string, error) {
	for _, n := range names {
		if strings.ContainsAny(n, "\n") {
			return nil, fmt.Errorf("git cat-file: %q", n)
		}
	}
	written := make(chan error, 1)
	go func() {
		for _, n := range names {
			fmt.Fprintf(o.w, "info %s\n", n)
		}
		written <- o.w.Flush()
	}()
	out := make([]string, len(names))
	for i := range names {
		head, err := o.out.ReadString('\n')
		if err != nil {
			<-written
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		fields := strings.Fields(head)
		switch {
		case len(fields) == 2 && fields[1] == "missing":
		case len(fields) == 3:
			out[i] = fields[0]
		default:
			<-written
			return nil, fmt.Errorf("git cat-file: %q", strings.TrimSpace(head))
		}
	}
	return out, <-written
}

// id returns the id of the object name, "" when the repository holds
// none (HEAD of a repository without commits).
func (o *objects) id(name string) (string, error) {
	id, _, _, err := o.ask("info", name)
	if errors.Is(err, errMissing) {
		return "", nil
	}
	return id, err
}

// commit reads the commit id as the log shows it: its first parent ("" for
// the first commit), the date it was committed, its message. A message in
// another encoding than UTF-8 (an "encoding" header) is not read: ok is
// false, and git log, which reencodes it, must be asked.
func (o *objects) commit(id string) (c commit, ok bool, err error) {
	kind, b, err := o.contents(id)
	if err != nil {
		return commit{}, false, err
	}
	if kind != "commit" {
		return commit{}, false, fmt.Errorf("git cat-file: %s is a %s, not a commit", id, kind)
	}
	head, msg, _ := bytes.Cut(b, []byte("\n\n"))
	c.Hash = id
	for line := range bytes.SplitSeq(head, []byte("\n")) {
		key, value, _ := strings.Cut(string(line), " ")
		switch key {
		case "parent":
			if c.Parent == "" {
				c.Parent = value
			}
		case "committer":
			if c.Committed, err = committed(value); err != nil {
				return commit{}, false, fmt.Errorf("git cat-file: commit %s: %w", id, err)
			}
			if c.Date, err = time.Parse(time.RFC3339, c.Committed); err != nil {
				return commit{}, false, fmt.Errorf("git cat-file: commit %s: %w", id, err)
			}
		case "encoding":
			if !strings.EqualFold(value, "utf-8") && !strings.EqualFold(value, "utf8") {
				return commit{}, false, nil
			}
		}
	}
	if c.Committed == "" {
		return commit{}, false, fmt.Errorf("git cat-file: commit %s has no committer", id)
	}
	c.Subject, c.Reason = message(string(msg))
	return c, true, nil
}

// committed is the date of a committer line ("Name <mail> 1664157600
// +0700") as git log's %cI writes it: 2022-09-26T09:00:00+07:00.
func committed(line string) (string, error) {
	f := strings.Fields(line)
	if len(f) < 2 {
		return "", fmt.Errorf("committer %q", line)
	}
	secs, err := strconv.ParseInt(f[len(f)-2], 10, 64)
	tz := f[len(f)-1]
	if err != nil || len(tz) != 5 || tz[0] != '+' && tz[0] != '-' {
		return "", fmt.Errorf("committer %q", line)
	}
	h, err1 := strconv.Atoi(tz[1:3])
	m, err2 := strconv.Atoi(tz[3:5])
	if err1 != nil || err2 != nil {
		return "", fmt.Errorf("committer %q", line)
	}
	offset := (h*60 + m) * 60
	if tz[0] == '-' {
		offset = -offset
	}
	t := time.Unix(secs, 0).In(time.FixedZone("", offset))
	return t.Format("2006-01-02T15:04:05") + tz[:3] + ":" + tz[3:], nil
}

// forget keeps the blobs of the version just read for the next, and
// drops those of the version before.
func (o *objects) forget() {
	o.last, o.blobs = o.blobs, make(map[string][]byte, len(o.blobs))
}

// contents returns the object name's type and bytes.
func (o *objects) contents(name string) (kind string, b []byte, err error) {
	_, kind, size, err := o.ask("contents", name)
	if err != nil {
		return "", nil, err
	}
	b = make([]byte, size+1) // and the newline after it
	if _, err := io.ReadFull(o.out, b); err != nil {
		return "", nil, fmt.Errorf("git cat-file: %w", err)
	}
	return kind, b[:size], nil
}

// tomlFiles reads the tree id (a data/ folder, dir its path from the site
// folder) and every TOML file under it, as the build reads data/: the
// files by their slash path from the site folder. A submodule is not
// followed: the objects of its commits are in another repository.
func (o *objects) tomlFiles(id, dir string, files map[string][]byte) error {
	kind, b, err := o.contents(id)
	if err != nil {
		return err
	}
	if kind != "tree" {
		return fmt.Errorf("git cat-file: %s is a %s, not a tree", id, kind)
	}
	idLen := len(id) / 2
	for len(b) > 0 {
		sp := bytes.IndexByte(b, ' ')
		nul := bytes.IndexByte(b, 0)
		if sp < 0 || nul < sp || len(b) < nul+1+idLen {
			return fmt.Errorf("git cat-file: tree %s cannot be read", id)
		}
		mode, name := string(b[:sp]), string(b[sp+1:nul])
		child := hex.EncodeToString(b[nul+1 : nul+1+idLen])
		b = b[nul+1+idLen:]
		p := path.Join(dir, name)
		switch {
		case mode == "40000":
			if err := o.tomlFiles(child, p, files); err != nil {
				return err
			}
		case (mode == "100644" || mode == "100755") && strings.HasSuffix(name, ".toml"):
			content, ok := o.blobs[child]
			if !ok {
				content, ok = o.last[child]
			}
			if !ok {
				var err error
				if _, content, err = o.contents(child); err != nil {
					return err
				}
			}
			o.blobs[child] = content
			files[p] = content
		}
	}
	return nil
}
