//! Python face of libprobe. It converts core types only; every decision about metrics
//! lives in `libprobe-core`. The Python module itself is not exposed yet.
