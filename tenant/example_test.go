package tenant_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/factory-kit/plinth/tenant"
)

func ExampleMiddleware() {
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		org, _ := tenant.FromContext(r.Context()) // set: the middleware let the request in
		fmt.Fprintf(w, "customers of %s", org)
	})
	h := tenant.Middleware(tenant.FromHeader("X-Org-ID"))(app)

	for _, org := range []string{"0195f3a0-0000-7000-8000-000000000001", ""} {
		req := httptest.NewRequest(http.MethodGet, "/customers", nil)
		req.Header.Set("X-Org-ID", org)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Print(rec.Code, " ", rec.Body.String())
		fmt.Println()
	}
	// Output:
	// 200 customers of 0195f3a0-0000-7000-8000-000000000001
	// 401 Unauthorized
}
