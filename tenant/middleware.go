package tenant

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"
)

// ErrUnauthenticated is returned by a resolver when the request carries no
// credentials or names no organization. Middleware answers it with 401.
var ErrUnauthenticated = errors.New("tenant: request names no organization")

// ErrForbidden is returned by a resolver when the request's principal is not
// a member of the organization it names. Middleware answers it with 403.
var ErrForbidden = errors.New("tenant: not a member of the organization")

// Resolver returns the organization a request acts for, or an error that
// wraps ErrUnauthenticated or ErrForbidden when it acts for none it may.
type Resolver func(r *http.Request) (uuid.UUID, error)

// Option configures Middleware.
type Option func(*middleware)

// middleware is the configuration Options set.
type middleware struct {
	status   func(error) int
	writeErr func(w http.ResponseWriter, r *http.Request, status int, err error)
}

// WithStatus replaces the mapping from a resolver's error to the HTTP
// status of the rejection (by default: ErrUnauthenticated 401,
// ErrForbidden 403, anything else 500).
func WithStatus(status func(err error) int) Option {
	return func(m *middleware) { m.status = status }
}

// WithErrorWriter replaces how a rejection is written (by default: the
// status and its text, never the error, which may name the organization).
func WithErrorWriter(write func(w http.ResponseWriter, r *http.Request, status int, err error)) Option {
	return func(m *middleware) { m.writeErr = write }
}

// Middleware returns net/http middleware that resolves the organization of
// each request with resolve and calls the next handler with it in the
// request's context (see FromContext). A request resolve rejects, or
// resolves to the zero UUID, never reaches the next handler.
//
// resolve is where authorization happens: it must check that the
// authenticated principal belongs to the organization, so install it after
// authentication. FromHeader alone checks nothing.
func Middleware(resolve Resolver, opts ...Option) func(http.Handler) http.Handler {
	m := middleware{status: defaultStatus, writeErr: defaultWriteErr}
	for _, opt := range opts {
		opt(&m)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			org, err := resolve(r)
			if err == nil && org == uuid.Nil {
				err = ErrUnauthenticated
			}
			if err != nil {
				m.writeErr(w, r, m.status(err), err)
				return
			}
			next.ServeHTTP(w, r.WithContext(WithOrg(r.Context(), org)))
		})
	}
}

func defaultStatus(err error) int {
	switch {
	case errors.Is(err, ErrUnauthenticated):
		return http.StatusUnauthorized
	case errors.Is(err, ErrForbidden):
		return http.StatusForbidden
	default:
		return http.StatusInternalServerError
	}
}

func defaultWriteErr(w http.ResponseWriter, _ *http.Request, status int, _ error) {
	http.Error(w, http.StatusText(status), status)
}

// FromHeader returns a Resolver that reads the organization id from the
// request header name (for example "X-Org-ID"). A missing, empty or
// malformed header is ErrUnauthenticated.
//
// A header is what the client says, not what it may do: use FromHeader
// only behind a check that the authenticated principal is a member of the
// organization, for example by wrapping it in a Resolver that looks the
// membership up and returns ErrForbidden.
func FromHeader(name string) Resolver {
	return func(r *http.Request) (uuid.UUID, error) {
		v := strings.TrimSpace(r.Header.Get(name))
		if v == "" {
			return uuid.Nil, fmt.Errorf("%w: no %s header", ErrUnauthenticated, name)
		}
		org, err := uuid.Parse(v)
		if err != nil {
			return uuid.Nil, fmt.Errorf("%w: %s header is not a UUID", ErrUnauthenticated, name)
		}
		return org, nil
	}
}
