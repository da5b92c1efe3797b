# The faces of libprobe beyond Rust. Each face's fragment (mk/<face>.mk) adds its test
# target to FACE_TESTS; `make test` runs them all.
FACE_TESTS ?=

.PHONY: test-faces
test-faces: $(FACE_TESTS)
