package libprobe

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MarshalJSON renders the snapshot in the core's JSON shape, from the Go values: the
// specification's snake_case names in schema order, a missing value as null and its
// reason under the record's "unavailable" object, enums by name, integers exact, ordered
// maps (meminfo, environ, counter tables) as objects in the kernel's order, and bytes that
// are not UTF-8 as \udcXX escapes (what Python's surrogateescape reads back). It is what
// SnapshotJSON returns for the same snapshot, so json.Marshal(snap) can stand in for it.
func (s *Snapshot) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := encodeJSON(&b, reflect.ValueOf(s).Elem()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func isField(t reflect.Type) bool { return strings.HasPrefix(t.Name(), "Field[") }

func encodeJSON(b *bytes.Buffer, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Struct:
		if isField(v.Type()) {
			if !v.FieldByName("Valid").Bool() {
				b.WriteString("null")
				return nil
			}
			return encodeJSON(b, v.FieldByName("Value"))
		}
		return encodeRecord(b, v)
	case reflect.Slice:
		if strings.HasPrefix(v.Type().Elem().Name(), "Entry[") {
			b.WriteByte('{')
			for i := 0; i < v.Len(); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				e := v.Index(i)
				writeJSONString(b, e.FieldByName("Key").String())
				b.WriteByte(':')
				if err := encodeJSON(b, e.FieldByName("Value")); err != nil {
					return err
				}
			}
			b.WriteByte('}')
			return nil
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeJSON(b, v.Index(i)); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	case reflect.String:
		writeJSONString(b, v.String())
		return nil
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
		return nil
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0):
			b.WriteString("null")
		case f == math.Trunc(f) && math.Abs(f) < 1e15:
			b.WriteString(strconv.FormatFloat(f, 'f', 1, 64))
		default:
			b.WriteString(strconv.FormatFloat(f, 'f', -1, 64))
		}
		return nil
	case reflect.Int32:
		if s, ok := v.Interface().(fmt.Stringer); ok {
			writeJSONString(b, s.String())
			return nil
		}
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		return nil
	case reflect.Int8, reflect.Int16, reflect.Int64, reflect.Int:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
		return nil
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uint:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
		return nil
	}
	return fmt.Errorf("libprobe: no JSON form for Go kind %s (%s)", v.Kind(), v.Type())
}

// encodeRecord writes a record's fields under their json tags, then "unavailable": the
// reason of each missing field that has one.
func encodeRecord(b *bytes.Buffer, v reflect.Value) error {
	t := v.Type()
	b.WriteByte('{')
	var unavailable [][2]string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name := f.Tag.Get("json")
		if name == "" || name == "-" {
			continue
		}
		if b.Bytes()[b.Len()-1] != '{' {
			b.WriteByte(',')
		}
		writeJSONString(b, name)
		b.WriteByte(':')
		fv := v.Field(i)
		if isField(fv.Type()) && !fv.FieldByName("Valid").Bool() {
			if r := Reason(fv.FieldByName("Reason").Int()); r != 0 {
				unavailable = append(unavailable, [2]string{name, r.String()})
			}
		}
		if err := encodeJSON(b, fv); err != nil {
			return fmt.Errorf("%s.%s: %w", t.Name(), name, err)
		}
	}
	if len(unavailable) > 0 {
		if b.Bytes()[b.Len()-1] != '{' {
			b.WriteByte(',')
		}
		b.WriteString(`"unavailable":{`)
		for i, u := range unavailable {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, u[0])
			b.WriteByte(':')
			writeJSONString(b, u[1])
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return nil
}

// writeJSONString writes s as a JSON string: valid UTF-8 as is (control characters
// escaped), every other byte as \udcXX.
func writeJSONString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c < 0x20 || c == 0x7f:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString(`\udc`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte('"')
}
