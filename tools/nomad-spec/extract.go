// Command extract prints, as JSON, the HCL schema that Nomad's job decoder derives from the struct tags of
// Nomad's api package: every struct reachable from api.Job and api.Task, with each tagged field's HCL name,
// kind (attribute, block, label), whether it is required, and its Go type.
//
// Usage: extract <dir holding Nomad's api/*.go>
//
// It reads the sources with go/parser only, so it builds offline with the standard library:
//
//	GO111MODULE=off go run tools/nomad-spec/extract.go /tmp/nomad-v1.6.0/api
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"sort"
	"strings"
)

type field struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"` // attr, block, label, remain
	Required bool   `json:"required,omitempty"`
	GoType   string `json:"type"`
	Elem     string `json:"elem,omitempty"` // the struct a block decodes into
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: extract <api dir>")
		os.Exit(2)
	}
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, os.Args[1], func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	structs := map[string]*ast.StructType{}
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			for _, decl := range f.Decls {
				gd, ok := decl.(*ast.GenDecl)
				if !ok {
					continue
				}
				for _, spec := range gd.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok {
						continue
					}
					if st, ok := ts.Type.(*ast.StructType); ok {
						structs[ts.Name.Name] = st
					}
				}
			}
		}
	}
	out := map[string][]field{}
	var visit func(name string)
	visit = func(name string) {
		if _, done := out[name]; done {
			return
		}
		st, ok := structs[name]
		if !ok {
			return
		}
		fields := []field{}
		out[name] = fields
		for _, f := range st.Fields.List {
			if f.Tag == nil {
				continue
			}
			tag := reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get("hcl")
			if tag == "" || tag == "-" {
				continue
			}
			parts := strings.Split(tag, ",")
			fl := field{Name: parts[0], Kind: "attr", Required: true, GoType: typeString(f.Type)}
			for _, p := range parts[1:] {
				switch p {
				case "block":
					fl.Kind = "block"
				case "label":
					fl.Kind = "label"
				case "remain":
					fl.Kind = "remain"
				case "optional":
					fl.Required = false
				}
			}
			// Like gohcl, a pointer field is never required: absence is its nil.
			if fl.Kind != "attr" || strings.HasPrefix(fl.GoType, "*") {
				fl.Required = false
			}
			if fl.Kind == "block" {
				if elem := structName(f.Type); elem != "" {
					fl.Elem = elem
				}
			}
			fields = append(fields, fl)
			if elem := structName(f.Type); elem != "" {
				visit(elem)
			}
		}
		out[name] = fields
	}
	for _, root := range []string{"Job", "Task", "TaskGroup", "Vault", "Secret"} {
		visit(root)
	}
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	ordered := make([]map[string]interface{}, 0, len(names))
	for _, n := range names {
		ordered = append(ordered, map[string]interface{}{"struct": n, "fields": out[n]})
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(ordered); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// structName is the api struct a field's type holds (through pointers, slices and map values), if any.
func structName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return structName(t.X)
	case *ast.ArrayType:
		return structName(t.Elt)
	case *ast.MapType:
		return structName(t.Value)
	case *ast.Ident:
		if t.Obj != nil || (t.Name != "" && strings.ToUpper(t.Name[:1]) == t.Name[:1]) {
			return t.Name
		}
	}
	return ""
}

func typeString(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "*" + typeString(t.X)
	case *ast.ArrayType:
		return "[]" + typeString(t.Elt)
	case *ast.MapType:
		return "map[" + typeString(t.Key) + "]" + typeString(t.Value)
	case *ast.Ident:
		return t.Name
	case *ast.SelectorExpr:
		return typeString(t.X) + "." + t.Sel.Name
	case *ast.InterfaceType:
		return "interface{}"
	}
	return fmt.Sprintf("%T", e)
}
