package loader

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const shop = "testdata/shop"

func TestLoadUserModule(t *testing.T) {
	t.Parallel()
	m, err := Load(context.Background(), shop, "./db/schema")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Tables) != 2 || m.Tables[0].Name != "shop_organizations" || m.Tables[1].Name != "shop_orders" {
		t.Fatalf("tables = %+v", m.Tables)
	}
	orders := m.Tables[1]
	if orders.Tenant == nil || orders.SoftDelete != "deleted_at" || orders.Domain != "orders" {
		t.Errorf("orders semantics lost: tenant %+v, soft delete %q, domain %q", orders.Tenant, orders.SoftDelete, orders.Domain)
	}
	if !strings.HasSuffix(orders.Pos, "db/schema/orders.go:6") {
		t.Errorf("orders position = %q, want …/db/schema/orders.go:6", orders.Pos)
	}
}

func TestLoadReportsBuildErrorsWithPosition(t *testing.T) {
	t.Parallel()
	_, err := Load(context.Background(), shop, "./broken")
	if err == nil || !strings.Contains(err.Error(), "broken/schema.go:5:30: undefined: Missing") {
		t.Fatalf("error = %v, want the compiler's message with file and line", err)
	}
	if strings.Contains(err.Error(), "plinth_loader_") {
		t.Errorf("error mentions the loader's own program:\n%v", err)
	}
}

func TestLoadReportsSchemaErrors(t *testing.T) {
	t.Parallel()
	_, err := Load(context.Background(), shop, "./invalid")
	var schemaErr *Error
	if !errors.As(err, &schemaErr) {
		t.Fatalf("error = %v, want *loader.Error", err)
	}
	if !strings.Contains(err.Error(), `invalid/schema.go:11: table "widgets" column "org_id"`) {
		t.Errorf("error does not name file, line, table and column:\n%v", err)
	}
}

func TestResolveErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, err := Resolve(ctx, shop, "./nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing package: %v", err)
	}
	if _, err := Resolve(ctx, shop, "."); !errors.Is(err, ErrNoRegistry) || !strings.Contains(err.Error(), "schema.Registry{") {
		t.Errorf("package without a registry: %v", err)
	}
}
