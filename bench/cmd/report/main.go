// Command report turns the output of the peer benchmarks (go test -bench
// in bench/) into a markdown table for BENCHMARKS.md: one row per
// operation and contender, with the median time, bytes and allocations
// per operation and their ratio to hand-written pgx, under a header that
// says how and where the figures were measured.
//
// Usage:
//
//	report [-cmd 'the command that produced FILE'] FILE
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"

	"golang.org/x/perf/benchfmt"
)

// baseline is the contender every ratio is taken against.
const baseline = "pgx"

// contenderOrder is the order of a table's rows within an operation;
// contenders not listed follow in the order they appear.
var contenderOrder = []string{"pgx", "plinth", "ent", "bun", "gorm"}

// units are the measurements reported, as benchfmt tidies them, with
// their column headings and formats. cpu-sec/op is the process CPU time
// the benchmarks report per operation.
var units = []struct {
	unit, heading string
	format        func(float64) string
}{
	{"sec/op", "time/op", formatTime},
	{"cpu-sec/op", "client CPU/op", formatTime},
	{"B/op", "B/op", formatBytes},
	{"allocs/op", "allocs/op", formatCount},
}

func main() {
	cmd := flag.String("cmd", "", "the command that produced the benchmark output, shown in the header")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: report [-cmd COMMAND] FILE")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(os.Stdout, flag.Arg(0), *cmd); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// key is one cell group of the table: an operation run by a contender.
type key struct{ op, contender string }

// samples holds the values of every run of one key, by unit.
type samples map[string][]float64

// data is what the benchmark output says.
type data struct {
	ops        []string // in order of first appearance
	contenders map[string][]string
	values     map[key]samples
	config     map[string]string // goos, goarch, cpu, postgres, …
}

func run(w io.Writer, path, cmd string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	d, err := read(bytes.NewReader(src), path)
	if err != nil {
		return err
	}
	d.trailingConfig(src)
	if len(d.ops) == 0 {
		return fmt.Errorf("%s holds no benchmark results", path)
	}
	writeHeader(w, d, cmd)
	return writeTable(w, d)
}

func read(r io.Reader, name string) (*data, error) {
	d := &data{contenders: map[string][]string{}, values: map[key]samples{}, config: map[string]string{}}
	br := benchfmt.NewReader(r, name)
	var errs []error
	for br.Scan() {
		switch rec := br.Result().(type) {
		case *benchfmt.SyntaxError:
			errs = append(errs, rec)
		case *benchfmt.Result:
			for _, c := range rec.Config {
				d.config[c.Key] = string(c.Value)
			}
			d.add(rec)
		}
	}
	if err := br.Err(); err != nil {
		errs = append(errs, err)
	}
	return d, errors.Join(errs...)
}

// trailingConfig adds to d the configuration lines of src that no result
// follows (run.sh writes the load average after the last one), which
// benchfmt attaches to no result.
func (d *data) trailingConfig(src []byte) {
	for line := range strings.Lines(string(src)) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
		if ok && strings.HasPrefix(k, "loadavg-") && !strings.ContainsAny(k, " \t") {
			d.config[k] = v
		}
	}
}

// add records one result line, named Operation/contender[-procs].
func (d *data) add(r *benchfmt.Result) {
	base, parts := r.Name.Parts()
	op := string(base)
	contender := ""
	for _, p := range parts {
		if s, ok := strings.CutPrefix(string(p), "/"); ok {
			contender = s
		}
	}
	if contender == "" {
		return
	}
	k := key{op, contender}
	if _, ok := d.values[k]; !ok {
		if _, seen := d.contenders[op]; !seen {
			d.ops = append(d.ops, op)
		}
		d.contenders[op] = append(d.contenders[op], contender)
		d.values[k] = samples{}
	}
	for _, v := range r.Values {
		d.values[k][v.Unit] = append(d.values[k][v.Unit], v.Value)
	}
}

func writeHeader(w io.Writer, d *data, cmd string) {
	if cmd != "" {
		fmt.Fprintf(w, "Command (from the repository root: `make bench-peers`):\n\n```\n%s\n```\n\n", cmd)
	}
	fmt.Fprintf(w, "- Go: %s, %s/%s\n", runtime.Version(), d.config["goos"], d.config["goarch"])
	if v := d.config["postgres"]; v != "" {
		fmt.Fprintf(w, "- PostgreSQL: %s\n", v)
	}
	fmt.Fprintf(w, "- Machine: %d CPUs (nproc), %s\n", runtime.NumCPU(), cpuModel(d.config["cpu"]))
	if before, after := d.config["loadavg-before"], d.config["loadavg-after"]; before != "" || after != "" {
		fmt.Fprintf(w, "- Load average (1, 5, 15 min) before the run: %s; after: %s\n", before, after)
	}
	fmt.Fprintf(w, "- Figures: median of %d runs (± the largest distance of a run from it); ratio = contender / hand-written pgx, lower is better\n", runs(d))
	fmt.Fprintf(w, "- time/op is wall time, round trip to the server included; client CPU/op is the CPU time of the benchmark process alone (library, driver, GC, syscalls), not the server's\n\n")
}

// cpuModel returns the model name /proc/cpuinfo gives, or fallback.
func cpuModel(fallback string) string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return fallback
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return fallback
}

// runs is the smallest number of samples behind any cell.
func runs(d *data) int {
	n := -1
	for _, s := range d.values {
		if c := len(s["sec/op"]); n < 0 || c < n {
			n = c
		}
	}
	return n
}

func writeTable(w io.Writer, d *data) error {
	fmt.Fprint(w, "| operation | contender |")
	for _, u := range units {
		fmt.Fprintf(w, " %s |", u.heading)
	}
	for _, u := range units {
		fmt.Fprintf(w, " %s vs pgx |", strings.TrimSuffix(u.heading, "/op"))
	}
	fmt.Fprint(w, "\n|---|---|")
	fmt.Fprintln(w, strings.Repeat("--:|", 2*len(units)))
	for _, op := range d.ops {
		base, hasBase := d.values[key{op, baseline}]
		for _, c := range ordered(d.contenders[op]) {
			s := d.values[key{op, c}]
			fmt.Fprintf(w, "| %s | %s |", op, c)
			for _, u := range units {
				switch {
				case len(s[u.unit]) == 0:
					fmt.Fprint(w, " – |")
				case strings.HasSuffix(u.unit, "sec/op"):
					fmt.Fprintf(w, " %s ±%.0f%% |", u.format(median(s[u.unit])), spread(s[u.unit])*100)
				default:
					fmt.Fprintf(w, " %s |", u.format(median(s[u.unit])))
				}
			}
			for _, u := range units {
				if !hasBase || len(s[u.unit]) == 0 || len(base[u.unit]) == 0 {
					fmt.Fprint(w, " – |")
					continue
				}
				fmt.Fprintf(w, " %s |", ratio(median(s[u.unit]), median(base[u.unit])))
			}
			fmt.Fprintln(w)
		}
	}
	return nil
}

// ordered sorts contenders by contenderOrder, unknown ones last.
func ordered(cs []string) []string {
	out := slices.Clone(cs)
	rank := func(c string) int {
		if i := slices.Index(contenderOrder, c); i >= 0 {
			return i
		}
		return len(contenderOrder)
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// spread is the largest distance of a sample from the median, relative
// to the median.
func spread(xs []float64) float64 {
	m := median(xs)
	if m == 0 {
		return 0
	}
	d := 0.0
	for _, x := range xs {
		d = max(d, math.Abs(x-m)/m)
	}
	return d
}

func ratio(x, base float64) string {
	switch {
	case base == 0 && x == 0:
		return "1.00×"
	case base == 0:
		return "∞"
	}
	return fmt.Sprintf("%.2f×", x/base)
}

func formatTime(sec float64) string {
	switch ns := sec * 1e9; {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

func formatBytes(b float64) string {
	if b >= 10*1024 {
		return fmt.Sprintf("%.1f KiB", b/1024)
	}
	return fmt.Sprintf("%.0f B", b)
}

func formatCount(n float64) string { return fmt.Sprintf("%.0f", n) }
