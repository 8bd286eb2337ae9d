package query

import (
	"strconv"
	"sync"
)

// builder accumulates one statement's text and arguments. Its buffer comes
// from a pool and its text is interned by shape, so building a statement
// whose shape was seen before allocates nothing but the argument slice.
type builder struct {
	buf  []byte
	args []any
	pool *[]byte // the pooled buffer buf came from, nil when none
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// newBuilder returns a builder whose argument slice holds exactly nargs.
func newBuilder(nargs int) builder {
	bp := bufPool.Get().(*[]byte)
	return builder{buf: (*bp)[:0], args: make([]any, 0, nargs), pool: bp}
}

// finish returns the interned statement text and releases the buffer.
func (b *builder) finish() string {
	s := intern(b.buf)
	if b.pool != nil {
		*b.pool = b.buf[:0]
		bufPool.Put(b.pool)
		b.buf, b.pool = nil, nil
	}
	return s
}

func (b *builder) str(s string) { b.buf = append(b.buf, s...) }

// arg appends a placeholder for v.
func (b *builder) arg(v any) {
	b.args = append(b.args, v)
	b.buf = append(b.buf, '$')
	b.buf = strconv.AppendInt(b.buf, int64(len(b.args)), 10)
}

// maxShapes bounds the interned statement texts; statements beyond it
// (only programs that build SQL shapes without bound get there) are
// allocated each time instead.
const maxShapes = 4096

var shapes = struct {
	sync.RWMutex
	m map[string]string
}{m: make(map[string]string)}

// intern returns b as a string shared by every statement of the same text,
// so that pgx's statement cache sees one key and no string is allocated on
// the hot path. The map lookup with string(b) does not allocate.
func intern(b []byte) string {
	shapes.RLock()
	s, ok := shapes.m[string(b)]
	shapes.RUnlock()
	if ok {
		return s
	}
	s = string(b)
	shapes.Lock()
	if len(shapes.m) < maxShapes {
		shapes.m[s] = s
	}
	shapes.Unlock()
	return s
}
