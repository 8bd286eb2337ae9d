package schema

// IndexBuilder declares an index.
type IndexBuilder struct {
	name    string
	unique  bool
	method  string
	columns []string
	where   string
	pos     string
}

func (ix *IndexBuilder) apply(t *TableBuilder) { t.indexes = append(t.indexes, ix) }

// Index declares an index over entries, each a column name or a
// parenthesised expression such as "(lower(email))". It is named
// <table>_<entries>_idx unless Named, an expression entry counting as "expr".
func Index(entries ...string) *IndexBuilder {
	return &IndexBuilder{columns: entries, method: "btree", pos: callerPos(1)}
}

// Unique makes it a UNIQUE index.
func (ix *IndexBuilder) Unique() *IndexBuilder {
	ix.unique = true
	return ix
}

// Where makes it a partial index over the rows where pred holds.
func (ix *IndexBuilder) Where(pred string) *IndexBuilder {
	ix.where = pred
	return ix
}

// Using sets the access method: "btree" (the default), "gin", "gist",
// "hash", "brin".
func (ix *IndexBuilder) Using(method string) *IndexBuilder {
	ix.method = method
	return ix
}

// Named overrides the generated index name.
func (ix *IndexBuilder) Named(name string) *IndexBuilder {
	ix.name = name
	return ix
}
