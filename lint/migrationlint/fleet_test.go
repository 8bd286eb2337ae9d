package migrationlint_test

import (
	"path/filepath"
	"testing"

	"github.com/factory-kit/plinth/lint/migrationlint"
)

// TestFleetMigrationsHaveNoErrors lints the example application's
// migrations, as plinth check does in CI.
func TestFleetMigrationsHaveNoErrors(t *testing.T) {
	t.Parallel()
	findings, err := migrationlint.LintDir(filepath.Join("..", "..", "examples", "fleet", "db", "migrations"), migrationlint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		if f.Severity == migrationlint.Error {
			t.Errorf("error finding in the fleet migrations: %s", f)
		}
	}
	// The activity log is append-only: created_at only, by design.
	if len(findings) != 1 || findings[0].Rule != migrationlint.RuleTimestamps {
		t.Errorf("findings = %v, want only the timestamps warning on fleet_admin_actions", findings)
	}
}
