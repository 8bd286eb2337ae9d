package query

import "context"

// Children loads, in one query, the rows of t whose column col refers to
// one of keys, grouped by the key they refer to; key reads that key from a
// row, and reports false for a row whose reference is NULL. Rows the scope
// cannot see (other tenants', soft-deleted) are absent. Generated Load…
// methods call it.
func Children[K comparable, R any, C KeyColumn[K]](ctx context.Context, s *Scope, t *Table[R], col C, keys []K, key func(*R) (K, bool)) (map[K][]R, error) {
	out := make(map[K][]R, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	q := NewSelect(s, t)
	if len(keys) == 1 {
		// One parent, the common case: a plain equality, no key array to
		// encode, and the rows as scanned, with no regrouping.
		found, err := q.Where(col.Eq(keys[0])).All(ctx)
		if err != nil {
			return nil, err
		}
		if len(found) > 0 {
			out[keys[0]] = found
		}
		return out, nil
	}
	found, err := q.Where(col.In(keys...)).All(ctx)
	if err != nil {
		return nil, err
	}
	for i := range found {
		if k, ok := key(&found[i]); ok {
			out[k] = append(out[k], found[i])
		}
	}
	return out, nil
}

// KeyColumn is a column handle that can match keys of type K: Column[K]
// and the handles built on it (StringColumn).
type KeyColumn[K any] interface {
	Eq(v K) Pred
	In(vs ...K) Pred
}
