package query_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/factory-kit/plinth/query"
)

// labelOf groups tags by label, skipping the empty label as a NULL
// reference would be.
func labelOf(r *tag) (string, bool) { return r.Label, r.Label != "" }

func TestChildren(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rows := [][]any{{int64(1), "a"}, {int64(2), "b"}, {int64(3), "a"}, {int64(4), ""}}

	t.Run("no keys, no query", func(t *testing.T) {
		t.Parallel()
		db := newFake(rows...)
		got, err := query.Children(ctx, query.NewScope(db), &tagsTable, tags.Label, nil, labelOf)
		if err != nil || len(got) != 0 || len(db.log()) != 0 {
			t.Errorf("Children(no keys) = %v, %v after %d calls; want an empty map and no query", got, err, len(db.log()))
		}
	})

	t.Run("one key is an equality, rows kept as scanned", func(t *testing.T) {
		t.Parallel()
		db := newFake(rows[0], rows[2])
		got, err := query.Children(ctx, query.NewScope(db), &tagsTable, tags.Label, []string{"a"}, labelOf)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]tag{"a": {{1, "a"}, {3, "a"}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		if calls := db.log(); !reflect.DeepEqual(calls, q("SELECT id, label FROM tags WHERE label = $1", "a")) {
			t.Errorf("calls = %+v", calls)
		}
	})

	t.Run("several keys are one ANY query, grouped, NULL references skipped", func(t *testing.T) {
		t.Parallel()
		db := newFake(rows...)
		got, err := query.Children(ctx, query.NewScope(db), &tagsTable, tags.Label, []string{"a", "b"}, labelOf)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]tag{"a": {{1, "a"}, {3, "a"}}, "b": {{2, "b"}}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		if calls := db.log(); !reflect.DeepEqual(calls, q("SELECT id, label FROM tags WHERE label = ANY($1)", []string{"a", "b"})) {
			t.Errorf("calls = %+v", calls)
		}
	})

	t.Run("a parent without children is absent", func(t *testing.T) {
		t.Parallel()
		got, err := query.Children(ctx, query.NewScope(newFake()), &tagsTable, tags.Label, []string{"z"}, labelOf)
		if err != nil || len(got) != 0 {
			t.Errorf("got %v, %v; want an empty map", got, err)
		}
	})
}
