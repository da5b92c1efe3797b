package libprobe

/*
#include <libprobe.h>
*/
import "C"

import (
	"reflect"
	"strings"
	"sync"
	"unsafe"
)

// Metric says how a numeric field behaves over time: what an exporter declares it as.
type Metric int

const (
	// MetricGauge is a value that can go up and down (memory in use, a queue's length, a
	// percentage). Every field not marked as a counter is one.
	MetricGauge Metric = C.LIBPROBE_METRIC_GAUGE
	// MetricCounter is a value the kernel only adds to (ticks, bytes, packets, errors since
	// boot): export its rate; a drop means a reset.
	MetricCounter Metric = C.LIBPROBE_METRIC_COUNTER
)

// String is "gauge" or "counter".
func (m Metric) String() string {
	if m == MetricCounter {
		return "counter"
	}
	return "gauge"
}

// TypeKind is the kind of a field's type in the schema (the C ABI's LIBPROBE_KIND_*).
type TypeKind int

// The kinds of the C ABI; codes are never renumbered.
const (
	KindBool     TypeKind = C.LIBPROBE_KIND_BOOL
	KindU8       TypeKind = C.LIBPROBE_KIND_U8
	KindU16      TypeKind = C.LIBPROBE_KIND_U16
	KindU32      TypeKind = C.LIBPROBE_KIND_U32
	KindU64      TypeKind = C.LIBPROBE_KIND_U64
	KindI32      TypeKind = C.LIBPROBE_KIND_I32
	KindI64      TypeKind = C.LIBPROBE_KIND_I64
	KindF64      TypeKind = C.LIBPROBE_KIND_F64
	KindChar     TypeKind = C.LIBPROBE_KIND_CHAR
	KindStr      TypeKind = C.LIBPROBE_KIND_STR
	KindBytes    TypeKind = C.LIBPROBE_KIND_BYTES
	KindEnum     TypeKind = C.LIBPROBE_KIND_ENUM
	KindRecord   TypeKind = C.LIBPROBE_KIND_RECORD
	KindField    TypeKind = C.LIBPROBE_KIND_FIELD
	KindOptional TypeKind = C.LIBPROBE_KIND_OPTIONAL
	KindList     TypeKind = C.LIBPROBE_KIND_LIST
	KindMap      TypeKind = C.LIBPROBE_KIND_MAP
)

// IsNumber reports whether a value of this kind is a number (booleans and characters are
// not).
func (k TypeKind) IsNumber() bool {
	switch k {
	case KindU8, KindU16, KindU32, KindU64, KindI32, KindI64, KindF64:
		return true
	}
	return false
}

// TypeSchema is the type of a field.
type TypeSchema struct {
	Kind TypeKind
	// Elem is the value of a Field or Optional, the element of a List, the key of a Map.
	Elem *TypeSchema
	// Value is the value of a Map.
	Value *TypeSchema
	// Record is the record of a KindRecord type.
	Record *RecordSchema
	// Enum is the core's name of a KindEnum type (ProcessState).
	Enum string
}

// Inner is the type behind any Field and Optional wrappers.
func (t *TypeSchema) Inner() *TypeSchema {
	for t.Kind == KindField || t.Kind == KindOptional {
		t = t.Elem
	}
	return t
}

// FieldSchema is one field of a record type.
type FieldSchema struct {
	// Name is the specification's snake_case name: the json tag of the Go struct's field.
	Name string
	// Doc is the field's doc comment in the core.
	Doc string
	// Unit is the unit the value is in (bytes, ticks, ns, percent, …), or "".
	Unit string
	// Metric is MetricCounter for a value the kernel only adds to, else MetricGauge.
	Metric Metric
	Type   *TypeSchema
}

// RecordSchema is one record type: its fields in declaration order, as the Go struct
// declares them.
type RecordSchema struct {
	// Name is the core's name (CpuTimes); CName the C view's (libprobe_cpu_times).
	Name, CName string
	Doc         string
	Fields      []FieldSchema
}

// Field returns the field called name (the snake_case name), or nil.
func (r *RecordSchema) Field(name string) *FieldSchema {
	for i := range r.Fields {
		if r.Fields[i].Name == name {
			return &r.Fields[i]
		}
	}
	return nil
}

var schemaOnce struct {
	sync.Once
	root   *RecordSchema
	byType map[reflect.Type]*RecordSchema
}

// Schema is the record schema of the library linked in (libprobe_schema()), rooted at the
// Snapshot record: names, docs, units, counters and types of every field, what a program
// walks to handle every field without naming it (a metrics exporter, a generic renderer).
// It is read once and shared; do not modify it.
func Schema() *RecordSchema {
	loadSchema()
	return schemaOnce.root
}

// SchemaOf returns the schema of the record a Go struct type of this package mirrors
// (reflect.TypeOf(CPUTimes{}) gives CpuTimes' schema), or nil for any other type.
func SchemaOf(t reflect.Type) *RecordSchema {
	loadSchema()
	return schemaOnce.byType[t]
}

func loadSchema() {
	schemaOnce.Do(func() {
		info := C.libprobe_schema()
		cstr := func(p *C.char) string {
			if p == nil {
				return ""
			}
			return C.GoString(p)
		}
		cRecords := unsafe.Slice(info.records, int(info.record_count))
		cTypes := unsafe.Slice(info.types, int(info.type_count))
		cEnums := unsafe.Slice(info.enums, int(info.enum_count))
		records := make([]*RecordSchema, len(cRecords))
		for i := range records {
			records[i] = &RecordSchema{}
		}
		types := make([]*TypeSchema, len(cTypes))
		for i := range types {
			types[i] = &TypeSchema{}
		}
		index := func(n C.uint32_t) int {
			if n == C.LIBPROBE_SCHEMA_NONE {
				return -1
			}
			return int(n)
		}
		for i, ct := range cTypes {
			t := types[i]
			t.Kind = TypeKind(ct.kind)
			if j := index(ct.elem); j >= 0 {
				t.Elem = types[j]
			}
			if j := index(ct.value); j >= 0 {
				t.Value = types[j]
			}
			if j := index(ct.target); j >= 0 {
				switch t.Kind {
				case KindRecord:
					t.Record = records[j]
				case KindEnum:
					t.Enum = cstr(cEnums[j].schema_name)
				}
			}
		}
		for i, cr := range cRecords {
			r := records[i]
			r.Name, r.CName, r.Doc = cstr(cr.schema_name), cstr(cr.name), cstr(cr.doc)
			for _, cf := range unsafe.Slice(cr.fields, int(cr.field_count)) {
				r.Fields = append(r.Fields, FieldSchema{
					Name: cstr(cf.name), Doc: cstr(cf.doc), Unit: cstr(cf.unit),
					Metric: Metric(cf.metric), Type: types[int(cf.type_index)],
				})
			}
		}
		schemaOnce.root = records[int(info.root_record)]
		schemaOnce.byType = map[reflect.Type]*RecordSchema{}
		mapTypes(reflect.TypeOf(Snapshot{}), schemaOnce.root, schemaOnce.byType)
	})
}

// mapTypes pairs each generated Go struct with its record, walking both from the root by
// json tag.
func mapTypes(t reflect.Type, r *RecordSchema, out map[reflect.Type]*RecordSchema) {
	if _, seen := out[t]; seen {
		return
	}
	out[t] = r
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		f := r.Field(name)
		if f == nil {
			continue
		}
		goT, st := sf.Type, f.Type
		for {
			if st.Kind == KindRecord {
				if goT.Kind() == reflect.Struct {
					mapTypes(goT, st.Record, out)
				}
				break
			}
			if st.Elem == nil {
				break
			}
			switch {
			case st.Kind == KindMap:
				st = st.Value
				goT = goT.Elem().Field(1).Type // Entry[K, V].Value
			case goT.Kind() == reflect.Slice:
				st, goT = st.Elem, goT.Elem()
			case goT.Kind() == reflect.Struct && strings.HasPrefix(goT.Name(), "Field["):
				st = st.Elem
				goT = goT.Field(0).Type // Field[T].Value
			default:
				st = st.Elem
			}
		}
	}
}
