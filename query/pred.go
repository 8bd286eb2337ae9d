package query

import "slices"

// op is a predicate's operator.
type op uint8

const (
	opEq op = iota
	opNe
	opLt
	opLe
	opGt
	opGe
	opIn
	opNotIn
	opIsNull
	opIsNotNull
	opLike
	opILike
	opBetween
	opAnd
	opOr
	opNot
	opTrue
)

var opText = [...]string{
	opEq: " = ", opNe: " <> ", opLt: " < ", opLe: " <= ", opGt: " > ", opGe: " >= ",
	opLike: " LIKE ", opILike: " ILIKE ",
}

// Pred is a boolean condition on a table's columns, built by the generated
// column handles (Customers.Name.Eq("x")) and combined with And, Or and
// Not. It is a value: building one allocates nothing but its boxed argument.
type Pred struct {
	op   op
	col  string
	arg  any
	arg2 any
	kids []Pred
}

// And is true when p and every one of more are. It takes at least one
// predicate, so that no empty And can stand for "every row" in a mutation.
func And(p Pred, more ...Pred) Pred {
	if len(more) == 0 {
		return p
	}
	return Pred{op: opAnd, kids: append([]Pred{p}, more...)}
}

// Or is true when p or any one of more is. It takes at least one predicate.
func Or(p Pred, more ...Pred) Pred {
	if len(more) == 0 {
		return p
	}
	return Pred{op: opOr, kids: append([]Pred{p}, more...)}
}

// Not is true when p is false.
func Not(p Pred) Pred { return Pred{op: opNot, kids: []Pred{p}} }

// nargs is the number of arguments p binds.
func (p *Pred) nargs() int {
	switch p.op {
	case opIsNull, opIsNotNull, opTrue:
		return 0
	case opBetween:
		return 2
	case opAnd, opOr, opNot:
		n := 0
		for i := range p.kids {
			n += p.kids[i].nargs()
		}
		return n
	}
	return 1
}

// render appends p's SQL to b.
func (p *Pred) render(b *builder) {
	switch p.op {
	case opTrue:
		b.str("TRUE")
	case opIsNull:
		b.str(p.col)
		b.str(" IS NULL")
	case opIsNotNull:
		b.str(p.col)
		b.str(" IS NOT NULL")
	case opIn:
		b.str(p.col)
		b.str(" = ANY(")
		b.arg(p.arg)
		b.str(")")
	case opNotIn:
		b.str(p.col)
		b.str(" <> ALL(")
		b.arg(p.arg)
		b.str(")")
	case opBetween:
		b.str(p.col)
		b.str(" BETWEEN ")
		b.arg(p.arg)
		b.str(" AND ")
		b.arg(p.arg2)
	case opAnd, opOr:
		sep := " AND "
		if p.op == opOr {
			sep = " OR "
		}
		b.str("(")
		for i := range p.kids {
			if i > 0 {
				b.str(sep)
			}
			p.kids[i].render(b)
		}
		b.str(")")
	case opNot:
		b.str("NOT (")
		p.kids[0].render(b)
		b.str(")")
	default:
		b.str(p.col)
		b.str(opText[p.op])
		b.arg(p.arg)
	}
}

// inlinePreds is how many predicates a builder holds without allocating.
const inlinePreds = 4

// predList holds a builder's WHERE predicates, the first few inline so
// that a query value built on the stack stays there.
type predList struct {
	n      int
	inline [inlinePreds]Pred
	more   []Pred
	set    bool // Where was called, even with no predicate
}

func (l *predList) addOne(p Pred) {
	l.set = true
	if l.n < inlinePreds {
		l.inline[l.n] = p
		l.n++
		return
	}
	l.more = append(slices.Clip(l.more), p) // never into a copy's spare capacity
}

func (l *predList) add(ps []Pred) {
	l.set = true
	for _, p := range ps {
		if l.n < inlinePreds {
			l.inline[l.n] = p
			l.n++
			continue
		}
		l.more = append(slices.Clip(l.more), p) // never into a copy's spare capacity
	}
}

func (l *predList) len() int { return l.n + len(l.more) }

func (l *predList) at(i int) *Pred {
	if i < l.n {
		return &l.inline[i]
	}
	return &l.more[i-l.n]
}

func (l *predList) nargs() int {
	n := 0
	for i := range l.len() {
		n += l.at(i).nargs()
	}
	return n
}

// Order is one ORDER BY entry.
type Order struct {
	col  string
	desc bool
}

// Assignment is one SET entry of an UPDATE, built by a column handle's To.
type Assignment struct {
	col  string
	arg  any
	null bool
}

// inlineSets is how many assignments an update holds without allocating.
const inlineSets = 8

// setList holds an update's assignments, the first few inline.
type setList struct {
	n      int
	inline [inlineSets]Assignment
	more   []Assignment
}

func (l *setList) add(as []Assignment) {
	for _, a := range as {
		if l.n < inlineSets {
			l.inline[l.n] = a
			l.n++
			continue
		}
		l.more = append(slices.Clip(l.more), a) // never into a copy's spare capacity
	}
}

func (l *setList) len() int { return l.n + len(l.more) }

func (l *setList) at(i int) *Assignment {
	if i < l.n {
		return &l.inline[i]
	}
	return &l.more[i-l.n]
}

func (l *setList) has(col string) bool {
	for i := range l.len() {
		if l.at(i).col == col {
			return true
		}
	}
	return false
}

func (l *setList) nargs() int {
	n := 0
	for i := range l.len() {
		if !l.at(i).null {
			n++
		}
	}
	return n
}
