package demo

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/examples/fleet/internal/fleettest"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

// TestDemo runs every step of make demo on a freshly migrated database;
// each step checks its own claim, so a broken convention fails here.
func TestDemo(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := Run(context.Background(), fleettest.Database(t), &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{
		"refused: an ICE vehicle recorded as a BEV too",
		"reads see 2 customers, WithDeleted() sees 3",
		"SELECT of Acme's customers -> 0 rows, UPDATE -> 0 rows",
		"fleet_vehicle_readings    24 rows before, 0 after",
		"none dropped",
		"VERCEL_ENV=preview on a database marked production: guard:",
		"all claims held",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
}
