package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// configFile is the optional project configuration file.
const configFile = "plinth.json"

// config is what plinth.json may say; flags override it and none of it is
// required. Paths are relative to the directory that holds plinth.json.
type config struct {
	// Schema is the schema package pattern, default ./db/schema.
	Schema string `json:"schema"`
	// Dir is the migrations directory, default db/migrations.
	Dir string `json:"dir"`
	// Out is the directory of the generated package, default ./db/gen.
	Out string `json:"out"`
	// Naming is "sequential" (default) or "timestamp", for a new directory.
	Naming string `json:"naming"`
	// Prefix limits the tables plinth owns in a database to those whose
	// name starts with it; "" owns every table of schema public.
	Prefix string `json:"prefix,omitempty"`
}

// defaults is the configuration of a project without plinth.json, and
// what fills the settings a plinth.json leaves out.
var defaults = config{Schema: "./db/schema", Dir: "db/migrations", Out: "./db/gen", Naming: "sequential"}

// withDefaults fills the settings c leaves empty.
func (c config) withDefaults() config {
	override(&c.Schema, defaults.Schema)
	override(&c.Dir, defaults.Dir)
	override(&c.Out, defaults.Out)
	override(&c.Naming, defaults.Naming)
	return c
}

// project is where a command works: the nearest directory, from the
// current one up to the module root, that holds plinth.json (else the
// module root, or the current directory outside a module), and the
// configuration found there.
type project struct {
	root string
	cfg  config
}

// findProject locates the project of dir.
func findProject(dir string) (*project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	modRoot, err := moduleRoot(dir)
	if err != nil {
		// Outside a Go module (a deploy step with only the migrations):
		// the current directory is the project. Commands that load the
		// schema package fail later, saying why.
		modRoot = abs
	}
	for d := abs; ; d = filepath.Dir(d) {
		raw, err := os.ReadFile(filepath.Join(d, configFile))
		switch {
		case err == nil:
			p := &project{root: d}
			if err := json.Unmarshal(raw, &p.cfg); err != nil {
				return nil, fmt.Errorf("%s: %w", filepath.Join(d, configFile), err)
			}
			p.cfg = p.cfg.withDefaults()
			return p, nil
		case !errors.Is(err, os.ErrNotExist):
			return nil, err
		}
		if d == modRoot || d == filepath.Dir(d) {
			return &project{root: modRoot, cfg: defaults}, nil
		}
	}
}

// path resolves p relative to the project root.
func (p *project) path(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(p.root, rel)
}

// override sets *v to value unless value is empty.
func override(v *string, value string) {
	if value != "" {
		*v = value
	}
}
