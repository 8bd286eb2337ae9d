package tenant

import (
	"context"
	"errors"

	"github.com/google/uuid"
)

// ErrNoTenant reports that a context carries no organization id.
var ErrNoTenant = errors.New("tenant: no organization id in context (is the tenant middleware installed?)")

// orgKey is the context key of the organization id.
type orgKey struct{}

// WithOrg returns a copy of ctx that carries the organization id org.
func WithOrg(ctx context.Context, org uuid.UUID) context.Context {
	return context.WithValue(ctx, orgKey{}, org)
}

// FromContext returns the organization id carried by ctx, or ErrNoTenant.
// The zero UUID counts as absent.
func FromContext(ctx context.Context) (uuid.UUID, error) {
	org, ok := ctx.Value(orgKey{}).(uuid.UUID)
	if !ok || org == uuid.Nil {
		return uuid.Nil, ErrNoTenant
	}
	return org, nil
}
