package schema

import (
	"reflect"
	"strconv"
	"strings"
)

// goTypeOf renders T as a Go type expression plus the imports it needs.
func goTypeOf[T any]() *GoType {
	r := goTypeRenderer{}
	expr := r.render(reflect.TypeFor[T]())
	return &GoType{Expr: expr, Imports: r.imports}
}

type goTypeRenderer struct {
	imports []GoImport
}

func (r *goTypeRenderer) use(path, name string) {
	for _, im := range r.imports {
		if im.Path == path {
			return
		}
	}
	r.imports = append(r.imports, GoImport{Path: path, Name: name})
}

func (r *goTypeRenderer) render(t reflect.Type) string {
	if t.Name() != "" {
		if t.PkgPath() == "" {
			return t.Name() // predeclared: string, int, error, ...
		}
		// t.String() is "pkgname.Name"; generic instantiations spell their
		// type arguments with full paths, which no file can compile, so
		// they are written with the package name only.
		s := t.String()
		name := s[:strings.IndexByte(s, '.')]
		r.use(t.PkgPath(), name)
		return name + "." + strings.SplitN(s, ".", 2)[1]
	}
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + r.render(t.Elem())
	case reflect.Slice:
		return "[]" + r.render(t.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + r.render(t.Elem())
	case reflect.Map:
		return "map[" + r.render(t.Key()) + "]" + r.render(t.Elem())
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return "any"
		}
	case reflect.Struct:
		return r.renderStruct(t)
	}
	return t.String()
}

func (r *goTypeRenderer) renderStruct(t reflect.Type) string {
	if t.NumField() == 0 {
		return "struct{}"
	}
	fields := make([]string, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		s := f.Name + " " + r.render(f.Type)
		if f.Anonymous {
			s = r.render(f.Type)
		}
		if f.Tag != "" {
			s += " " + strconv.Quote(string(f.Tag))
		}
		fields[i] = s
	}
	return "struct { " + strings.Join(fields, "; ") + " }"
}
