//! Node.js face of libprobe. It converts core types only; every decision about metrics
//! lives in `libprobe-core`. The addon itself is not exposed yet.
