package query_test

import (
	"context"
	"testing"

	"github.com/factory-kit/plinth/query"
)

// TestCopiesOfAQueryDoNotShareState builds two selects from one base with
// more predicates and orderings than fit inline: each keeps its own, as a
// value should.
func TestCopiesOfAQueryDoNotShareState(t *testing.T) {
	t.Parallel()
	db := newFake()
	s := query.NewScope(db).Tenant(org)
	base := query.NewSelect(s, &peopleTable).
		Where(people.Age.Gt(1), people.Age.Gt(2), people.Age.Gt(3), people.Age.Gt(4), people.Age.Gt(5), people.Age.Gt(6), people.Age.Gt(7)).
		OrderBy(people.Name.Asc(), people.Age.Asc(), people.ID.Asc())
	a := base.Where(people.Name.Eq("A")).OrderBy(people.Email.Asc())
	b := base.Where(people.Name.Eq("B")).OrderBy(people.Email.Desc())
	ctx := context.Background()
	if _, err := a.All(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.All(ctx); err != nil {
		t.Fatal(err)
	}
	calls := db.log()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2", len(calls))
	}
	if got := calls[0].Args[len(calls[0].Args)-1]; got != "A" {
		t.Errorf("a's last argument = %v, want A (overwritten by b's)", got)
	}
	if calls[0].SQL == calls[1].SQL {
		t.Errorf("a and b rendered the same ordering:\n%s", calls[0].SQL)
	}
}
