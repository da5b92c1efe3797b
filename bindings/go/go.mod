module github.com/libprobe/libprobe/bindings/go

go 1.22
