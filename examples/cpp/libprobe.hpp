// libprobe.hpp: a small C++17 RAII wrapper over the C ABI (include/libprobe.h).
//
//   libprobe::Probe probe;                       // defaults; or Probe(config)
//   libprobe::Snapshot snap = probe.snapshot();  // throws libprobe::Error on failure
//   for (const libprobe_process_full &p : snap.processes())
//     std::cout << p.pid << ' ' << libprobe::text(p.name) << '\n';
//
// Handles are freed by destructors; Snapshot and Probe are movable, not copyable. Every
// view a Snapshot hands out lives as long as the Snapshot object.
#ifndef LIBPROBE_HPP
#define LIBPROBE_HPP

#include <libprobe.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace libprobe {

// A failed call: the status and the handle's message.
class Error : public std::runtime_error {
 public:
  Error(libprobe_status status, const std::string &what)
      : std::runtime_error(std::string(libprobe_status_name(status)) + ": " + what), status_(status) {}
  libprobe_status status() const noexcept { return status_; }

 private:
  libprobe_status status_;
};

namespace detail {
inline void check(libprobe_status st, const char *message) {
  if (st != LIBPROBE_STATUS_OK) throw Error(st, message ? message : libprobe_status_message(st));
}
}  // namespace detail

// The bytes of a libprobe_str (not assumed UTF-8; escape before showing them).
inline std::string_view text(const libprobe_str &s) { return std::string_view(s.ptr, s.len); }

// A range over an array view (ptr, count, stride) of T.
template <class T, class List>
class Range {
 public:
  explicit Range(const List &list) : list_(list) {}
  class iterator {
   public:
    iterator(const List *l, std::size_t i) : l_(l), i_(i) {}
    const T &operator*() const { return *LIBPROBE_AT(T, *l_, i_); }
    const T *operator->() const { return LIBPROBE_AT(T, *l_, i_); }
    iterator &operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const iterator &o) const { return i_ != o.i_; }

   private:
    const List *l_;
    std::size_t i_;
  };
  iterator begin() const { return iterator(&list_, 0); }
  iterator end() const { return iterator(&list_, list_.count); }
  std::size_t size() const { return list_.count; }
  const T &operator[](std::size_t i) const { return *LIBPROBE_AT(T, list_, i); }

 private:
  List list_;
};

class Config {
 public:
  Config() { detail::check(libprobe_config_new(&ptr_), nullptr); }
  ~Config() { libprobe_config_free(ptr_); }
  Config(const Config &) = delete;
  Config &operator=(const Config &) = delete;
  Config(Config &&o) noexcept : ptr_(std::exchange(o.ptr_, nullptr)) {}

  Config &domains(uint32_t mask) { return check(libprobe_config_set_domains(ptr_, mask)); }
  Config &process_fields(libprobe_process_fields fields) {
    return check(libprobe_config_set_process_fields(ptr_, fields));
  }
  Config &root(libprobe_root which, const std::string &path) {
    return check(libprobe_config_set_root(ptr_, which, path.c_str()));
  }
  Config &max_file_bytes(uint64_t bytes) { return check(libprobe_config_set_max_file_bytes(ptr_, bytes)); }
  Config &json(libprobe_json format) { return check(libprobe_config_set_json(ptr_, format)); }
  const libprobe_config *get() const noexcept { return ptr_; }

 private:
  Config &check(libprobe_status st) {
    detail::check(st, libprobe_config_last_error(ptr_));
    return *this;
  }
  libprobe_config *ptr_ = nullptr;
};

class Snapshot {
 public:
  explicit Snapshot(libprobe_snapshot *ptr) : ptr_(ptr) {
    detail::check(libprobe_snapshot_root(ptr_, &view_), libprobe_snapshot_last_error(ptr_));
  }
  ~Snapshot() { libprobe_snapshot_free(ptr_); }
  Snapshot(const Snapshot &) = delete;
  Snapshot &operator=(const Snapshot &) = delete;
  Snapshot(Snapshot &&o) noexcept : ptr_(std::exchange(o.ptr_, nullptr)), view_(o.view_) {}
  Snapshot &operator=(Snapshot &&o) noexcept {
    std::swap(ptr_, o.ptr_);
    std::swap(view_, o.view_);
    return *this;
  }

  // The root view: every domain and field.
  const libprobe_snapshot_view &view() const noexcept { return *view_; }
  // The processes (empty when the process domain was not collected).
  Range<libprobe_process_full, libprobe_list_process_full> processes() const {
    libprobe_list_process_full none{nullptr, 0, sizeof(libprobe_process_full)};
    return Range<libprobe_process_full, libprobe_list_process_full>(view_->processes.present ? view_->processes.value
                                                                                              : none);
  }
  const libprobe_domain_status &status(libprobe_domain_name domain) const {
    const libprobe_domain_status *s = nullptr;
    detail::check(libprobe_snapshot_domain_status(ptr_, domain, &s), libprobe_snapshot_last_error(ptr_));
    return *s;
  }
  std::string_view json() const {
    libprobe_str s;
    detail::check(libprobe_snapshot_json(ptr_, &s), libprobe_snapshot_last_error(ptr_));
    return text(s);
  }

 private:
  libprobe_snapshot *ptr_ = nullptr;
  const libprobe_snapshot_view *view_ = nullptr;
};

class Probe {
 public:
  Probe() { detail::check(libprobe_probe_new(nullptr, &ptr_), nullptr); }
  explicit Probe(const Config &config) { detail::check(libprobe_probe_new(config.get(), &ptr_), nullptr); }
  ~Probe() { libprobe_probe_free(ptr_); }
  Probe(const Probe &) = delete;
  Probe &operator=(const Probe &) = delete;
  Probe(Probe &&o) noexcept : ptr_(std::exchange(o.ptr_, nullptr)) {}

  // Collects every enabled domain. One call at a time per probe.
  Snapshot snapshot() {
    libprobe_snapshot *s = nullptr;
    detail::check(libprobe_probe_snapshot(ptr_, &s), libprobe_probe_last_error(ptr_));
    return Snapshot(s);
  }

 private:
  libprobe_probe *ptr_ = nullptr;
};

}  // namespace libprobe

#endif
