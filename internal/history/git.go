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
