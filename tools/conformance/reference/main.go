// Command reference evaluates HCL expressions with HashiCorp's HCL v2 and cty, with the function table of
// Nomad's job parser, and prints each result (its type and value, or its diagnostics) as JSON. It is the
// reference the job loader's conformance data comes from; tools/conformance/generate.ts runs it.
//
// It builds offline in GOPATH mode from Debian's packages (golang-go, golang-github-hashicorp-hcl-v2-dev,
// golang-github-zclconf-go-cty-dev, golang-github-zclconf-go-cty-yaml-dev, golang-github-apparentlymart-go-cidr-dev,
// golang-github-google-uuid-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run tools/conformance/reference/main.go < input.json
//
// Input: {"context": [[name, expression], ...], "cases": [{"id": "...", "expr": "..."}, ...]}. Each context
// expression is evaluated in order and becomes local.<name> for the ones after it and for every case.
// Output: [{"id": "...", "type": "...", "value": ...} or {"id": "...", "errors": [...]}, ...].
package main

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"unicode/utf8"

	"github.com/apparentlymart/go-cidr/cidr"
	"github.com/google/uuid"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	ctyyaml "github.com/zclconf/go-cty-yaml"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
	"github.com/zclconf/go-cty/cty/gocty"
)

type input struct {
	Context [][2]string `json:"context"`
	Cases   []struct {
		ID   string `json:"id"`
		Expr string `json:"expr"`
	} `json:"cases"`
}

type diagnostic struct {
	Summary string `json:"summary"`
	Detail  string `json:"detail,omitempty"`
	Subject string `json:"subject,omitempty"`
}

type result struct {
	ID     string       `json:"id"`
	Type   string       `json:"type,omitempty"`
	Value  interface{}  `json:"value,omitempty"`
	Null   bool         `json:"null,omitempty"`
	Errors []diagnostic `json:"errors,omitempty"`
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fmt.Fprintln(os.Stderr, "reference: reading input:", err)
		os.Exit(2)
	}
	ctx := &hcl.EvalContext{Functions: functions(), Variables: map[string]cty.Value{}}
	locals := map[string]cty.Value{}
	for _, entry := range in.Context {
		expr, diags := hclsyntax.ParseExpression([]byte(entry[1]), "context.hcl", hcl.InitialPos)
		if !diags.HasErrors() {
			var val cty.Value
			val, diags = expr.Value(ctx)
			locals[entry[0]] = val
			ctx.Variables["local"] = cty.ObjectVal(locals)
		}
		if diags.HasErrors() {
			fmt.Fprintf(os.Stderr, "reference: context %s: %s\n", entry[0], diags.Error())
			os.Exit(2)
		}
	}
	out := make([]result, 0, len(in.Cases))
	for _, c := range in.Cases {
		out = append(out, evaluate(c.ID, c.Expr, ctx))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "reference: writing output:", err)
		os.Exit(2)
	}
}

func evaluate(id, src string, ctx *hcl.EvalContext) (r result) {
	r.ID = id
	defer func() {
		// A panic inside the library is an answer too: Nomad would crash on this expression.
		if p := recover(); p != nil {
			r = result{ID: id, Errors: []diagnostic{{Summary: "panic", Detail: fmt.Sprint(p)}}}
		}
	}()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "case.hcl", hcl.InitialPos)
	var val cty.Value
	if !diags.HasErrors() {
		val, diags = expr.Value(ctx)
	}
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			item := diagnostic{Summary: d.Summary, Detail: d.Detail}
			if d.Subject != nil {
				item.Subject = fmt.Sprintf("%d:%d-%d:%d", d.Subject.Start.Line, d.Subject.Start.Column, d.Subject.End.Line, d.Subject.End.Column)
			}
			r.Errors = append(r.Errors, item)
		}
		return r
	}
	r.Type = typeexpr.TypeString(val.Type())
	r.Value = encode(val)
	r.Null = val.IsNull()
	return r
}

// encode writes a value as JSON whose shape follows its type: numbers as their exact decimal text (a JSON
// string, as cty prints them), collections in cty's iteration order, null as null.
func encode(v cty.Value) interface{} {
	switch {
	case v.IsNull():
		return nil
	case !v.IsKnown():
		return map[string]string{"unknown": typeexpr.TypeString(v.Type())}
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString()
	case ty == cty.Bool:
		return v.True()
	case ty == cty.Number:
		return v.AsBigFloat().Text('f', -1)
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		items := []interface{}{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			items = append(items, encode(e))
		}
		return items
	case ty.IsMapType() || ty.IsObjectType():
		keys := []string{}
		values := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			keys = append(keys, k.AsString())
			values[k.AsString()] = e
		}
		sort.Strings(keys)
		// An ordered list of pairs keeps cty's key order independent of the JSON encoder's.
		pairs := [][2]interface{}{}
		for _, k := range keys {
			pairs = append(pairs, [2]interface{}{k, encode(values[k])})
		}
		return pairs
	}
	return fmt.Sprintf("unsupported value of type %s", ty.FriendlyName())
}

// functions is the table of Nomad's jobspec2 Functions() (fixtures/conformance/nomad-functions.json) without
// the filesystem functions and the random ones (bcrypt, uuidv4, rsadecrypt). The functions that Nomad takes
// from hashicorp/go-cty-funcs, which Debian does not package, are stood in for by the small functions below,
// built on the same Go standard library calls.
func functions() map[string]function.Function {
	return map[string]function.Function{
		"abs":             stdlib.AbsoluteFunc,
		"base64decode":    base64DecodeFunc,
		"base64encode":    stringFunc(func(s string) (string, error) { return base64.StdEncoding.EncodeToString([]byte(s)), nil }),
		"basename":        stringFunc(func(s string) (string, error) { return filepath.Base(s), nil }),
		"can":             tryfunc.CanFunc,
		"ceil":            stdlib.CeilFunc,
		"chomp":           stdlib.ChompFunc,
		"chunklist":       stdlib.ChunklistFunc,
		"cidrhost":        cidrHostFunc,
		"cidrnetmask":     cidrNetmaskFunc,
		"cidrsubnet":      cidrSubnetFunc,
		"cidrsubnets":     cidrSubnetsFunc,
		"coalesce":        stdlib.CoalesceFunc,
		"coalescelist":    stdlib.CoalesceListFunc,
		"compact":         stdlib.CompactFunc,
		"concat":          stdlib.ConcatFunc,
		"contains":        stdlib.ContainsFunc,
		"convert":         typeexpr.ConvertFunc,
		"csvdecode":       stdlib.CSVDecodeFunc,
		"dirname":         stringFunc(func(s string) (string, error) { return filepath.Dir(s), nil }),
		"distinct":        stdlib.DistinctFunc,
		"element":         stdlib.ElementFunc,
		"flatten":         stdlib.FlattenFunc,
		"floor":           stdlib.FloorFunc,
		"format":          stdlib.FormatFunc,
		"formatdate":      stdlib.FormatDateFunc,
		"formatlist":      stdlib.FormatListFunc,
		"indent":          stdlib.IndentFunc,
		"index":           stdlib.IndexFunc,
		"join":            stdlib.JoinFunc,
		"jsondecode":      stdlib.JSONDecodeFunc,
		"jsonencode":      stdlib.JSONEncodeFunc,
		"keys":            stdlib.KeysFunc,
		"length":          stdlib.LengthFunc,
		"log":             stdlib.LogFunc,
		"lookup":          stdlib.LookupFunc,
		"lower":           stdlib.LowerFunc,
		"max":             stdlib.MaxFunc,
		"md5":             hashFunc(md5.New),
		"merge":           stdlib.MergeFunc,
		"min":             stdlib.MinFunc,
		"parseint":        stdlib.ParseIntFunc,
		"pow":             stdlib.PowFunc,
		"range":           stdlib.RangeFunc,
		"reverse":         stdlib.ReverseFunc,
		"replace":         stdlib.ReplaceFunc,
		"regex_replace":   stdlib.RegexReplaceFunc,
		"setintersection": stdlib.SetIntersectionFunc,
		"setproduct":      stdlib.SetProductFunc,
		"setunion":        stdlib.SetUnionFunc,
		"sha1":            hashFunc(sha1.New),
		"sha256":          hashFunc(sha256.New),
		"sha512":          hashFunc(sha512.New),
		"signum":          stdlib.SignumFunc,
		"slice":           stdlib.SliceFunc,
		"sort":            stdlib.SortFunc,
		"split":           stdlib.SplitFunc,
		"strlen":          stdlib.StrlenFunc,
		"strrev":          stdlib.ReverseFunc,
		"substr":          stdlib.SubstrFunc,
		"timeadd":         stdlib.TimeAddFunc,
		"title":           stdlib.TitleFunc,
		"trim":            stdlib.TrimFunc,
		"trimprefix":      stdlib.TrimPrefixFunc,
		"trimspace":       stdlib.TrimSpaceFunc,
		"trimsuffix":      stdlib.TrimSuffixFunc,
		"try":             tryfunc.TryFunc,
		"upper":           stdlib.UpperFunc,
		"urlencode":       stringFunc(func(s string) (string, error) { return url.QueryEscape(s), nil }),
		"uuidv5":          uuidV5Func,
		"values":          stdlib.ValuesFunc,
		"yamldecode":      ctyyaml.YAMLDecodeFunc,
		"yamlencode":      ctyyaml.YAMLEncodeFunc,
		"zipmap":          stdlib.ZipmapFunc,
	}
}

func stringParams(names ...string) []function.Parameter {
	params := make([]function.Parameter, len(names))
	for i, n := range names {
		params[i] = function.Parameter{Name: n, Type: cty.String}
	}
	return params
}

func stringFunc(fn func(string) (string, error)) function.Function {
	return function.New(&function.Spec{
		Params: stringParams("str"),
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			s, err := fn(args[0].AsString())
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			return cty.StringVal(s), nil
		},
	})
}

func hashFunc(h func() hash.Hash) function.Function {
	return stringFunc(func(s string) (string, error) {
		d := h()
		d.Write([]byte(s))
		return hex.EncodeToString(d.Sum(nil)), nil
	})
}

var base64DecodeFunc = stringFunc(func(s string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("failed to decode base64 data '%s'", s)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("the result of decoding the the provided string is not valid UTF-8")
	}
	return string(b), nil
})

var uuidV5Func = function.New(&function.Spec{
	Params: stringParams("namespace", "name"),
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var ns uuid.UUID
		var err error
		switch args[0].AsString() {
		case "dns":
			ns = uuid.NameSpaceDNS
		case "url":
			ns = uuid.NameSpaceURL
		case "oid":
			ns = uuid.NameSpaceOID
		case "x500":
			ns = uuid.NameSpaceX500
		default:
			if ns, err = uuid.Parse(args[0].AsString()); err != nil {
				return cty.UnknownVal(cty.String), fmt.Errorf("uuidv5() doesn't support namespace %s (%v)", args[0].AsString(), err)
			}
		}
		return cty.StringVal(uuid.NewSHA1(ns, []byte(args[1].AsString())).String()), nil
	},
})

func wholeArg(v cty.Value) (int, error) {
	var n int
	err := gocty.FromCtyValue(v, &n)
	return n, err
}

func parsePrefix(s string) (*net.IPNet, error) {
	_, network, err := net.ParseCIDR(s)
	if err != nil {
		return nil, fmt.Errorf("invalid CIDR expression: %s", err)
	}
	return network, nil
}

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		n, err := wholeArg(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		network, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		ip, err := cidr.Host(network, n)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(ip.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: stringParams("prefix"),
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(net.IP(network.Mask).String()), nil
	},
})

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		newbits, err := wholeArg(args[1])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		netnum, err := wholeArg(args[2])
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		network, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		if newbits > 32 {
			return cty.UnknownVal(cty.String), fmt.Errorf("may not extend prefix by more than 32 bits")
		}
		subnet, err := cidr.Subnet(network, newbits, netnum)
		if err != nil {
			return cty.UnknownVal(cty.String), err
		}
		return cty.StringVal(subnet.String()), nil
	},
})

var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   stringParams("prefix"),
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		network, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(0, err)
		}
		start, _ := network.Mask.Size()
		lengths := args[1:]
		if len(lengths) == 0 {
			return cty.ListValEmpty(cty.String), nil
		}
		first, err := wholeArg(lengths[0])
		if err != nil {
			return cty.UnknownVal(cty.String), function.NewArgError(1, err)
		}
		current, _ := cidr.PreviousSubnet(network, first+start)
		out := make([]cty.Value, len(lengths))
		for i, arg := range lengths {
			length, err := wholeArg(arg)
			if err != nil {
				return cty.UnknownVal(cty.String), function.NewArgError(i+1, err)
			}
			if length < 1 {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "must extend prefix by at least one bit")
			}
			if length > 32 {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "may not extend prefix by more than 32 bits")
			}
			length += start
			if length > len(network.IP)*8 {
				protocol := "IP"
				switch len(network.IP) * 8 {
				case 32:
					protocol = "IPv4"
				case 128:
					protocol = "IPv6"
				}
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "would extend prefix to %d bits, which is too long for an %s address", length, protocol)
			}
			next, rollover := cidr.NextSubnet(current, length)
			if rollover || !network.Contains(next.IP) {
				return cty.UnknownVal(cty.String), function.NewArgErrorf(i+1, "not enough remaining address space for a subnet with a prefix of %d bits after %s", length, current.String())
			}
			current = next
			out[i] = cty.StringVal(current.String())
		}
		return cty.ListVal(out), nil
	},
})
