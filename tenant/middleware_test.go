package tenant_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/factory-kit/plinth/tenant"
	"github.com/google/uuid"
)

var (
	member   = uuid.MustParse("0195f3a0-0000-7000-8000-000000000001")
	stranger = uuid.MustParse("0195f3a0-0000-7000-8000-000000000002")
)

// membersOnly resolves the X-Org-ID header and forbids every org but member,
// as an application's membership check would.
func membersOnly(r *http.Request) (uuid.UUID, error) {
	org, err := tenant.FromHeader("X-Org-ID")(r)
	if err != nil {
		return uuid.Nil, err
	}
	if org != member {
		return uuid.Nil, fmt.Errorf("org %s: %w", org, tenant.ErrForbidden)
	}
	return org, nil
}

// echoOrg writes the org the handler finds in its context.
var echoOrg = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	org, err := tenant.FromContext(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusTeapot)
		return
	}
	fmt.Fprint(w, org)
})

func serve(h http.Handler, header string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/customers", nil)
	if header != "" {
		req.Header.Set("X-Org-ID", header)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestMiddleware(t *testing.T) {
	t.Parallel()
	h := tenant.Middleware(membersOnly)(echoOrg)
	tests := []struct {
		name     string
		header   string
		wantCode int
		wantBody string
	}{
		{"member", member.String(), http.StatusOK, member.String()},
		{"no org", "", http.StatusUnauthorized, "Unauthorized"},
		{"malformed org", "acme", http.StatusUnauthorized, "Unauthorized"},
		{"nil org", uuid.Nil.String(), http.StatusForbidden, "Forbidden"},
		{"other org", stranger.String(), http.StatusForbidden, "Forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := serve(h, tt.header)
			if rec.Code != tt.wantCode || strings.TrimSpace(rec.Body.String()) != tt.wantBody {
				t.Errorf("got %d %q, want %d %q", rec.Code, rec.Body.String(), tt.wantCode, tt.wantBody)
			}
		})
	}
}

func TestMiddlewareZeroOrgIsUnauthenticated(t *testing.T) {
	t.Parallel()
	h := tenant.Middleware(tenant.FromHeader("X-Org-ID"))(echoOrg)
	if rec := serve(h, uuid.Nil.String()); rec.Code != http.StatusUnauthorized {
		t.Errorf("zero org: %d, want 401 without reaching the handler", rec.Code)
	}
}

func TestMiddlewareOptions(t *testing.T) {
	t.Parallel()
	broken := errors.New("membership store down")
	var gotErr error
	h := tenant.Middleware(
		func(*http.Request) (uuid.UUID, error) { return uuid.Nil, broken },
		tenant.WithStatus(func(err error) int { return http.StatusServiceUnavailable }),
		tenant.WithErrorWriter(func(w http.ResponseWriter, _ *http.Request, status int, err error) {
			gotErr = err
			w.WriteHeader(status)
			fmt.Fprint(w, `{"error":"try again"}`)
		}),
	)(echoOrg)
	rec := serve(h, member.String())
	if rec.Code != http.StatusServiceUnavailable || rec.Body.String() != `{"error":"try again"}` || !errors.Is(gotErr, broken) {
		t.Errorf("custom status and writer: %d %q, writer saw %v", rec.Code, rec.Body.String(), gotErr)
	}
	if rec := serve(tenant.Middleware(func(*http.Request) (uuid.UUID, error) { return uuid.Nil, broken })(echoOrg), ""); rec.Code != http.StatusInternalServerError {
		t.Errorf("unexpected resolver error: %d, want 500 by default", rec.Code)
	}
}
