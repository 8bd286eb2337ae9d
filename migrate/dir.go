package migrate

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Naming is a migration file naming convention. A directory uses one for
// its whole life; plinth.sum records which.
type Naming string

// The naming conventions.
const (
	// Sequential names files 0001_create_customers.sql, 0002_…: the default.
	Sequential Naming = "sequential"
	// Timestamp names files 20260514093000_create_customers.sql (UTC).
	Timestamp Naming = "timestamp"
)

// SumFile is the name of the sum file in a migrations directory.
const SumFile = "plinth.sum"

// NoTransactionDirective, as the first line of a migration file, makes Up
// apply the file outside a transaction, statement by statement.
const NoTransactionDirective = "-- plinth:no-transaction"

const timestampLayout = "20060102150405"

// File is one migration file.
type File struct {
	// Name is the file name, "0001_create_customers.sql".
	Name string
	// Version is the leading number, "0001"; versions sort as strings
	// because one directory uses one convention, of one width.
	Version string
	// Naming is the convention the name follows.
	Naming Naming
	// SQL is the file's content.
	SQL string
	// Checksum is the hex SHA-256 of SQL, as plinth_migrations records it.
	Checksum string
	// NoTransaction is set when the file starts with NoTransactionDirective.
	NoTransaction bool
}

// Dir is a migrations directory as read from disk.
type Dir struct {
	// Path is the directory.
	Path string
	// Naming is the directory's convention: plinth.sum's, else the files',
	// else the one ReadDir was given.
	Naming Naming
	// Files lists the migration files in version order.
	Files []File
	// sum is plinth.sum's content, nil when there is none.
	sum []byte
}

var fileName = regexp.MustCompile(`^([0-9]+)_([a-z0-9_]+)\.sql$`)

// ReadDir reads the migration files (*.sql) of the directory path, which
// may not exist yet (an empty directory). naming is the convention to use
// when neither plinth.sum nor a file says. It fails on a .sql file not
// named by a convention; Verify checks the rest.
func ReadDir(path string, naming Naming) (*Dir, error) {
	if naming == "" {
		naming = Sequential
	}
	if naming != Sequential && naming != Timestamp {
		return nil, fmt.Errorf("naming %q: want %q or %q", naming, Sequential, Timestamp)
	}
	d := &Dir{Path: path, Naming: naming}
	entries, err := os.ReadDir(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		f, err := readFile(filepath.Join(path, e.Name()))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.Files = append(d.Files, f)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortFunc(d.Files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	d.sum, err = os.ReadFile(filepath.Join(path, SumFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if n, ok := sumNaming(d.sum); ok {
		d.Naming = n
	} else if len(d.Files) > 0 {
		d.Naming = d.Files[0].Naming
	}
	return d, nil
}

func readFile(path string) (File, error) {
	name := filepath.Base(path)
	m := fileName.FindStringSubmatch(name)
	if m == nil {
		return File{}, &NamingError{File: name, Reason: "not named VERSION_NAME.sql (0001_create_customers.sql or 20260514093000_create_customers.sql, lower-case name)"}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return File{}, err
	}
	f := newFile(name, string(b))
	if f.Naming == Timestamp {
		if _, err := time.Parse(timestampLayout, f.Version); err != nil {
			return File{}, &NamingError{File: name, Reason: "a 14-digit version must be a timestamp YYYYMMDDhhmmss"}
		}
	}
	return f, nil
}

func newFile(name, sql string) File {
	version, _, _ := strings.Cut(name, "_")
	naming := Sequential
	if len(version) == len(timestampLayout) {
		naming = Timestamp
	}
	sum := sha256.Sum256([]byte(sql))
	first, _, _ := strings.Cut(sql, "\n")
	return File{
		Name: name, Version: version, Naming: naming, SQL: sql, Checksum: hex.EncodeToString(sum[:]),
		NoTransaction: strings.TrimSpace(first) == NoTransactionDirective,
	}
}

// NamingError reports a file whose name breaks the naming rules.
type NamingError struct {
	// File is the file name.
	File string
	// Reason says what is wrong.
	Reason string
}

func (e *NamingError) Error() string { return e.File + ": " + e.Reason }

// MixedNamingError reports a directory that mixes naming conventions.
type MixedNamingError struct {
	// Naming is the directory's convention.
	Naming Naming
	// Files lists the files named by another convention.
	Files []string
}

func (e *MixedNamingError) Error() string {
	return fmt.Sprintf("migrations mix naming conventions: the directory is %s, but %s %s not: rename them to the %s convention (then run plinth hash)",
		e.Naming, strings.Join(e.Files, ", "), plural(len(e.Files), "is", "are"), e.Naming)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// SumError reports a plinth.sum that does not match the directory.
type SumError struct {
	// File is the first migration file that differs, "" when the sum file
	// itself is missing or malformed.
	File string
	// Reason says how.
	Reason string
}

func (e *SumError) Error() string {
	where := SumFile
	if e.File != "" {
		where += ": " + e.File
	}
	return where + ": " + e.Reason
}

// Verify checks that the directory uses one naming convention, that no two
// files share a version, and that plinth.sum matches the files. It reports
// every problem, joined.
func (d *Dir) Verify() error {
	var errs []error
	var other []string
	for _, f := range d.Files {
		if f.Naming != d.Naming {
			other = append(other, f.Name)
		}
	}
	if len(other) > 0 {
		errs = append(errs, &MixedNamingError{Naming: d.Naming, Files: other})
	}
	for i := 1; i < len(d.Files); i++ {
		if d.Files[i].Version == d.Files[i-1].Version {
			errs = append(errs, &NamingError{File: d.Files[i].Name,
				Reason: "has the version of " + d.Files[i-1].Name + " (two branches each added one?): renumber one and run plinth hash"})
		}
	}
	if err := d.verifySum(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (d *Dir) verifySum() error {
	if d.sum == nil {
		if len(d.Files) == 0 {
			return nil
		}
		return &SumError{Reason: "missing: run plinth hash to create it, after checking the files are the intended ones"}
	}
	got, want := strings.Split(strings.TrimRight(string(d.sum), "\n"), "\n"), strings.Split(strings.TrimRight(string(d.Sum()), "\n"), "\n")
	if len(got) < 2 || got[0] != want[0] && !strings.HasPrefix(got[0], "naming ") {
		return &SumError{Reason: "malformed: regenerate it with plinth hash"}
	}
	files := got[2:]
	for i, line := range want[2:] {
		name, _, _ := strings.Cut(line, " ")
		switch {
		case i >= len(files):
			return &SumError{File: name, Reason: "not in the sum: a new migration file was added without plinth migration; run plinth hash if it is intended"}
		case files[i] != line:
			sumName, _, _ := strings.Cut(files[i], " ")
			if sumName != name {
				return &SumError{File: name, Reason: fmt.Sprintf("the sum lists %s here: a file was inserted, removed, renamed or reordered; run plinth hash if it is intended", sumName)}
			}
			return &SumError{File: name, Reason: "content changed since the sum was written (or an earlier file was): restore it, or run plinth hash if the change is intended and not yet applied anywhere"}
		}
	}
	if len(files) > len(want)-2 {
		name, _, _ := strings.Cut(files[len(want)-2], " ")
		return &SumError{File: name, Reason: "listed in the sum but missing from the directory: restore it"}
	}
	if got[1] != want[1] || got[0] != want[0] {
		return &SumError{Reason: "header or total does not match: regenerate it with plinth hash"}
	}
	return nil
}

// Sum returns the plinth.sum content for the directory as it is:
//
//	naming sequential
//	total h1:<hash of every line below>
//	0001_create_customers.sql h1:<hash>
//	0002_add_vehicles.sql h1:<hash>
//
// Each file's hash covers the previous file's hash, the file name and the
// content, so changing, inserting, removing or reordering a file changes
// its line and every line after; two branches that each add a file both
// change the total, which makes git report a conflict.
func (d *Dir) Sum() []byte {
	var lines []string
	prev := ""
	for _, f := range d.Files {
		h := sha256.New()
		h.Write([]byte(prev + "\n" + f.Name + "\n" + f.SQL))
		prev = "h1:" + base64.StdEncoding.EncodeToString(h.Sum(nil))
		lines = append(lines, f.Name+" "+prev)
	}
	total := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	head := []string{"naming " + string(d.Naming), "total h1:" + base64.StdEncoding.EncodeToString(total[:])}
	return []byte(strings.Join(append(head, lines...), "\n") + "\n")
}

// sumNaming reads the convention from a sum file's first line.
func sumNaming(sum []byte) (Naming, bool) {
	first, _, _ := strings.Cut(string(sum), "\n")
	n, ok := strings.CutPrefix(first, "naming ")
	if !ok || (Naming(n) != Sequential && Naming(n) != Timestamp) {
		return "", false
	}
	return Naming(n), true
}

// WriteSum rewrites plinth.sum from the files as they are (plinth hash).
func (d *Dir) WriteSum() error {
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return err
	}
	d.sum = d.Sum()
	return os.WriteFile(filepath.Join(d.Path, SumFile), d.sum, 0o644)
}

// NextName returns the file name the next migration called name gets:
// the next sequential number, or now as a UTC timestamp (one second after
// the last file's when that is not earlier), so it sorts last.
func (d *Dir) NextName(name string, now time.Time) (string, error) {
	slug := slugify(name)
	if slug == "" {
		return "", fmt.Errorf("migration name %q: want letters or digits, such as add_vehicles", name)
	}
	var last string
	if n := len(d.Files); n > 0 {
		last = d.Files[n-1].Version
	}
	if d.Naming == Timestamp {
		t := now.UTC().Truncate(time.Second)
		if prev, err := time.Parse(timestampLayout, last); err == nil && !t.After(prev) {
			t = prev.Add(time.Second)
		}
		return t.Format(timestampLayout) + "_" + slug + ".sql", nil
	}
	n := 0
	if last != "" {
		n, _ = strconv.Atoi(last)
	}
	width := max(4, len(last))
	return fmt.Sprintf("%0*d_%s.sql", width, n+1, slug), nil
}

func slugify(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// Add writes the next migration file called name with content sql and
// rewrites plinth.sum. The directory must Verify first.
func (d *Dir) Add(name, sql string, now time.Time) (File, error) {
	file, err := d.NextName(name, now)
	if err != nil {
		return File{}, err
	}
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return File{}, err
	}
	if err := os.WriteFile(filepath.Join(d.Path, file), []byte(sql), 0o644); err != nil {
		return File{}, err
	}
	f := newFile(file, sql)
	d.Files = append(d.Files, f)
	return f, d.WriteSum()
}
