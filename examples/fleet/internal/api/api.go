// Package api is the fleet example's JSON API: the multi-tenant path from
// an HTTP request to a row. The tenant middleware resolves the request's
// organization and puts it in the context; every handler reaches the
// database through gen.Queries.TenantFromContext, so no handler can forget
// the organization, or pick another one.
package api

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"

	"github.com/factory-kit/plinth/examples/fleet/db/gen"
	"github.com/factory-kit/plinth/query"
	"github.com/factory-kit/plinth/tenant"
)

// OrgHeader carries the caller's organization id. A real deployment
// derives it from the session or token instead (tenant.Middleware takes
// any resolver).
const OrgHeader = "X-Org-ID"

// Handler serves the API over q.
func Handler(q *gen.Queries) http.Handler {
	s := &server{q: q}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /customers", s.listCustomers)
	mux.HandleFunc("POST /customers", s.createCustomer)
	mux.HandleFunc("GET /customers/{id}", s.getCustomer)
	mux.HandleFunc("PATCH /customers/{id}", s.renameCustomer)
	mux.HandleFunc("DELETE /customers/{id}", s.deleteCustomer)
	return tenant.Middleware(tenant.FromHeader(OrgHeader))(mux)
}

type server struct{ q *gen.Queries }

// customer is the API's view of a customer.
type customer struct {
	ID               uuid.UUID      `json:"id"`
	Name             string         `json:"name"`
	Email            *string        `json:"email,omitempty"`
	CustomAttributes map[string]any `json:"custom_attributes"`
}

func view(c gen.Customer) customer {
	return customer{ID: c.ID, Name: c.Name, Email: c.Email, CustomAttributes: c.CustomAttributes}
}

func (s *server) listCustomers(w http.ResponseWriter, r *http.Request) {
	q, err := s.q.TenantFromContext(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	rows, err := q.Customers.Select().OrderBy(gen.Customers.Name.Asc()).Limit(100).All(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	out := make([]customer, len(rows))
	for i, c := range rows {
		out[i] = view(c)
	}
	reply(w, http.StatusOK, out)
}

func (s *server) createCustomer(w http.ResponseWriter, r *http.Request) {
	q, err := s.q.TenantFromContext(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	var in struct {
		Name             string         `json:"name"`
		Email            *string        `json:"email"`
		CustomAttributes map[string]any `json:"custom_attributes"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == "" {
		reply(w, http.StatusBadRequest, map[string]string{"error": "a JSON body with a name is required"})
		return
	}
	c, err := q.Customers.Insert(gen.NewCustomer{Name: in.Name, Email: in.Email, CustomAttributes: in.CustomAttributes}).Returning(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	reply(w, http.StatusCreated, view(c))
}

func (s *server) getCustomer(w http.ResponseWriter, r *http.Request) {
	q, id, ok := s.scoped(w, r)
	if !ok {
		return
	}
	c, err := q.Customers.Get(r.Context(), id)
	if err != nil {
		fail(w, err)
		return
	}
	reply(w, http.StatusOK, view(c))
}

func (s *server) renameCustomer(w http.ResponseWriter, r *http.Request) {
	q, id, ok := s.scoped(w, r)
	if !ok {
		return
	}
	var in struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Name == "" {
		reply(w, http.StatusBadRequest, map[string]string{"error": "a JSON body with a name is required"})
		return
	}
	n, err := q.Customers.Update().Set(gen.Customers.Name.To(in.Name)).Where(gen.Customers.ID.Eq(id)).Exec(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	if n == 0 {
		fail(w, query.ErrNotFound) // another tenant's customer is simply not there
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) deleteCustomer(w http.ResponseWriter, r *http.Request) {
	q, id, ok := s.scoped(w, r)
	if !ok {
		return
	}
	n, err := q.Customers.Delete().Where(gen.Customers.ID.Eq(id)).Exec(r.Context())
	if err != nil {
		fail(w, err)
		return
	}
	if n == 0 {
		fail(w, query.ErrNotFound)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// scoped returns the request's tenant queries and the {id} path value.
func (s *server) scoped(w http.ResponseWriter, r *http.Request) (*gen.TenantQueries, uuid.UUID, bool) {
	q, err := s.q.TenantFromContext(r.Context())
	if err != nil {
		fail(w, err)
		return nil, uuid.Nil, false
	}
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		reply(w, http.StatusBadRequest, map[string]string{"error": "id must be a UUID"})
		return nil, uuid.Nil, false
	}
	return q, id, true
}

func fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, query.ErrNotFound):
		reply(w, http.StatusNotFound, map[string]string{"error": "not found"})
	case errors.Is(err, tenant.ErrNoTenant):
		reply(w, http.StatusUnauthorized, map[string]string{"error": "no organization"})
	case query.IsUniqueViolation(err):
		reply(w, http.StatusConflict, map[string]string{"error": "already exists"})
	default:
		reply(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
	}
}

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
