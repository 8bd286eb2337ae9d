// Package tenant carries the organization (tenant) id of a request through
// its context, so that every query the request makes is scoped to that
// organization.
//
// Middleware resolves the organization once per request and rejects the
// request when it cannot: 401 when it names none (ErrUnauthenticated), 403
// when its principal may not act for it (ErrForbidden). Handlers below it
// read the id with FromContext:
//
//	resolve := func(r *http.Request) (uuid.UUID, error) {
//		org, err := tenant.FromHeader("X-Org-ID")(r)
//		if err != nil {
//			return uuid.Nil, err
//		}
//		if !isMember(r.Context(), userFrom(r), org) {
//			return uuid.Nil, tenant.ErrForbidden
//		}
//		return org, nil
//	}
//	mux.Handle("/", authn(tenant.Middleware(resolve)(app)))
//
//	func (a *App) customers(w http.ResponseWriter, r *http.Request) {
//		org, err := tenant.FromContext(r.Context()) // set: the middleware let the request through
//		...
//	}
package tenant
