package version

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// The data version names the records: the cells, admissions, targets,
// memberships and referrals. A commit that changes only how the site is
// shown (the [site] table: title, base_url, language, publisher,
// description, root), a comment, the layout of a TOML file, or a file of
// data/ the build does not read, changes no record, so it must not make
// journalists cite a new version of the same figures. The version is
// therefore the commit that last changed the records: walking back from
// the last commit that changed data/, the earliest of the commits whose
// records are all the same as that one's.
//
// The records of a commit are compared as TOML values, not as bytes:
// each file is decoded, its [site] table taken out but for format (it
// says how the records are read), and what is left written in one
// canonical form, so that the order of keys, comments and spacing do
// not count. Moving a record from one file to another counts as a
// change (the files are compared path by path): it may change which
// file and line a message names, and saying "new version" when unsure
// is the safe side. A file that does not decode is compared by its
// bytes.

// recordsCommit returns the version of last, the last commit that
// changed data/ under src, whose files the build reads: the earliest
// commit, back from last with no other change of the records between,
// that holds the same records. Whatever git cannot answer on the way
// stops the walk where it is.
func recordsCommit(src string, last commit) Version {
	found := last
	out, err := git(src, nil, "log", "--format=%H%x00%cI", "--", "data/")
	if err == nil {
		r := records{src: src, keys: make(map[blob][sha256.Size]byte)}
		want, err := r.of(last.hash)
		for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
			c, ok := parseCommit(line)
			if err != nil || !ok {
				break
			}
			if c.hash == last.hash {
				continue
			}
			var got [sha256.Size]byte
			if got, err = r.of(c.hash); err != nil || got != want {
				break
			}
			found = c
		}
	}
	return Version{ID: found.hash[:shortLen], Commit: found.hash, Date: found.date}
}

// records computes the records of commits of one repository, each file
// decoded once however many commits hold it.
type records struct {
	src  string
	keys map[blob][sha256.Size]byte // a file's records, by its blob
}

// of returns a digest of the records of data/ in commit.
func (r *records) of(commit string) ([sha256.Size]byte, error) {
	blobs, err := committedBlobs(r.src, commit, "data")
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	// The files not seen yet, read with one git process per repository.
	missing := make(map[string][]string)
	for _, b := range blobs {
		if _, ok := r.keys[b]; !ok && !slices.Contains(missing[b.repo], b.id) {
			missing[b.repo] = append(missing[b.repo], b.id)
		}
	}
	for _, repo := range slices.Sorted(maps.Keys(missing)) {
		err := catBlobs(repo, missing[repo], func(id string, content []byte) {
			r.keys[blob{repo, id}] = fileRecords(content)
		})
		if err != nil {
			return [sha256.Size]byte{}, err
		}
	}
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(blobs)) {
		key := r.keys[blobs[p]]
		writeField(h, []byte(p))
		writeField(h, key[:])
	}
	return [sha256.Size]byte(h.Sum(nil)), nil
}

// catBlobs reads the blobs ids of the repository that holds repo and
// hands each to found.
func catBlobs(repo string, ids []string, found func(id string, content []byte)) error {
	out, err := git(repo, strings.NewReader(strings.Join(ids, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return err
	}
	rd := bufio.NewReader(bytes.NewReader(out))
	for range ids {
		// "<id> blob <size>\n<content>\n", or "<id> missing\n".
		head, err := rd.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		fields := strings.Fields(head)
		if len(fields) != 3 || fields[1] != "blob" {
			return fmt.Errorf("git cat-file: %q", strings.TrimSpace(head))
		}
		size, err := strconv.Atoi(fields[2])
		if err != nil {
			return fmt.Errorf("git cat-file: %q", strings.TrimSpace(head))
		}
		content := make([]byte, size+1)
		if _, err := io.ReadFull(rd, content); err != nil {
			return fmt.Errorf("git cat-file: %w", err)
		}
		found(fields[0], content[:size])
	}
	return nil
}

// fileRecords is a digest of the records of one TOML file: its values
// without the [site] table (but its format), in a canonical form.
func fileRecords(content []byte) [sha256.Size]byte {
	h := sha256.New()
	var m map[string]any
	// A BOM left by a Windows editor is not part of the TOML, as for the
	// build.
	if _, err := toml.Decode(strings.TrimPrefix(string(content), "\uFEFF"), &m); err != nil {
		h.Write([]byte("bytes\x00"))
		h.Write(content)
		return [sha256.Size]byte(h.Sum(nil))
	}
	if site, ok := m["site"].(map[string]any); ok {
		delete(m, "site")
		if f, ok := site["format"]; ok {
			m["site"] = map[string]any{"format": f}
		}
	}
	h.Write([]byte("toml\x00"))
	canonical(h, m)
	return [sha256.Size]byte(h.Sum(nil))
}

// canonical writes v, a decoded TOML value, so that two values are
// written the same exactly when they are equal: tables with their keys
// sorted, every value with its kind and length.
func canonical(w io.Writer, v any) {
	switch v := v.(type) {
	case map[string]any:
		fmt.Fprintf(w, "{%d", len(v))
		for _, k := range slices.Sorted(maps.Keys(v)) {
			writeField(w, []byte(k))
			canonical(w, v[k])
		}
	case []map[string]any:
		fmt.Fprintf(w, "[%d", len(v))
		for _, e := range v {
			canonical(w, e)
		}
	case []any:
		fmt.Fprintf(w, "[%d", len(v))
		for _, e := range v {
			canonical(w, e)
		}
	case string:
		w.Write([]byte{'s'})
		writeField(w, []byte(v))
	case time.Time:
		// A local date and a date with an offset differ by their
		// location.
		w.Write([]byte{'t'})
		writeField(w, []byte(v.Format(time.RFC3339Nano)+" "+v.Location().String()))
	default: // int64, float64, bool
		w.Write([]byte{'v'})
		writeField(w, fmt.Appendf(nil, "%T %v", v, v))
	}
}
