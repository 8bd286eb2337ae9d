package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/factory-kit/plinth"
	"github.com/factory-kit/plinth/devdb"
	"github.com/factory-kit/plinth/examples/fleet/db/gen"
	"github.com/factory-kit/plinth/examples/fleet/internal/fleettest"
)

func TestMain(m *testing.M) { os.Exit(devdb.Main(m)) }

func setup(t *testing.T) (*httptest.Server, gen.Organization, gen.Organization) {
	t.Helper()
	ctx := context.Background()
	db, err := plinth.Open(ctx, fleettest.Database(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	q := gen.New(db)
	a, err := q.Organizations.Insert(gen.NewOrganization{Name: "A", Slug: "a"}).Returning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := q.Organizations.Insert(gen.NewOrganization{Name: "B", Slug: "b"}).Returning(ctx)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(q))
	t.Cleanup(srv.Close)
	return srv, a, b
}

// call sends a request as org (uuid.Nil: no organization header) and
// decodes a JSON reply into out when given.
func call(t *testing.T, srv *httptest.Server, org uuid.UUID, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if org != uuid.Nil {
		req.Header.Set(OrgHeader, org.String())
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode < 300 {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

func TestRequestWithoutOrganizationIsRejected(t *testing.T) {
	t.Parallel()
	srv, _, _ := setup(t)
	if code := call(t, srv, uuid.Nil, "GET", "/customers", "", nil); code != http.StatusUnauthorized {
		t.Errorf("GET /customers without %s: %d, want 401", OrgHeader, code)
	}
	if code := call(t, srv, uuid.Nil, "POST", "/customers", `{"name":"x"}`, nil); code != http.StatusUnauthorized {
		t.Errorf("POST /customers without %s: %d, want 401", OrgHeader, code)
	}
}

func TestEachOrganizationSeesOnlyItsRows(t *testing.T) {
	t.Parallel()
	srv, a, b := setup(t)
	var made customer
	if code := call(t, srv, a.ID, "POST", "/customers", `{"name":"Northwind","custom_attributes":{"tier":"gold"}}`, &made); code != http.StatusCreated {
		t.Fatalf("create as A: %d", code)
	}
	if code := call(t, srv, b.ID, "POST", "/customers", `{"name":"Initech"}`, nil); code != http.StatusCreated {
		t.Fatalf("create as B: %d", code)
	}
	var list []customer
	if code := call(t, srv, a.ID, "GET", "/customers", "", &list); code != http.StatusOK || len(list) != 1 || list[0].Name != "Northwind" || list[0].CustomAttributes["tier"] != "gold" {
		t.Errorf("A's list: %d %+v, want only Northwind", code, list)
	}
	if code := call(t, srv, b.ID, "GET", "/customers", "", &list); code != http.StatusOK || len(list) != 1 || list[0].Name != "Initech" {
		t.Errorf("B's list: %d %+v, want only Initech", code, list)
	}
}

func TestCrossTenantAttemptsAreRefused(t *testing.T) {
	t.Parallel()
	srv, a, b := setup(t)
	var made customer
	if code := call(t, srv, a.ID, "POST", "/customers", `{"name":"Northwind"}`, &made); code != http.StatusCreated {
		t.Fatalf("create as A: %d", code)
	}
	path := "/customers/" + made.ID.String()
	for _, attempt := range []struct{ method, body string }{{"GET", ""}, {"PATCH", `{"name":"hijacked"}`}, {"DELETE", ""}} {
		if code := call(t, srv, b.ID, attempt.method, path, attempt.body, nil); code != http.StatusNotFound {
			t.Errorf("%s %s as B: %d, want 404", attempt.method, path, code)
		}
	}
	var got customer
	if code := call(t, srv, a.ID, "GET", path, "", &got); code != http.StatusOK || got.Name != "Northwind" {
		t.Errorf("A's customer after B's attempts: %d %+v", code, got)
	}
	if code := call(t, srv, uuid.New(), "GET", "/customers", "", nil); code != http.StatusOK {
		t.Errorf("an unknown organization sees an empty list, got %d", code)
	}
}
