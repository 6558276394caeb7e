#pragma once
// One description of an operator's state for both directions: a kind writes
// `template <class A> void state(A& a)` once, naming each field in order, and saving and
// restoring both run it — so the two cannot drift apart. Saver writes through a StateWriter,
// Loader reads through a StateReader; `A::loading` and `a.check(ok, why)` are for what only a
// restore needs (refusing a damaged checkpoint; `why` is a function, so a save builds no text).
#include <cstddef>
#include <cstdint>
#include <string>

#include "eval/state.h"

namespace jiandu::eval {

class Saver {
 public:
  static constexpr bool loading = false;
  explicit Saver(StateWriter& w) : w_(w) {}

  void operator()(int64_t& v) { w_.i64(v); }
  void operator()(uint64_t& v) { w_.u64(v); }
  void operator()(int& v) { w_.i64(v); }
  void operator()(bool& v) { w_.out.boolean(v); }
  void operator()(double& v) { w_.out.f64(v); }  // bit for bit: a running sum as a full run has it
  void operator()(Date& d) { w_.date(d); }
  void operator()(std::string& s) { w_.str(s); }
  void event(EventPtr& e) { w_.event(e); }           // an event, or none
  void required_event(EventPtr& e) { w_.event(e); }  // an event that must be there
  void org(int& i) { w_.i64(i); }                    // a unit index, or -1
  void person(int& i) { w_.i64(i); }                 // a person index, or -1
  // A count of what follows: written, and given back.
  size_t count(size_t n) {
    w_.u64(n);
    return n;
  }
  template <class Why>
  void check(bool, Why&&) {}

  // A map by text or number key, each value described by f.
  template <class Map, class F>
  void keyed(Map& m, F f) {
    count(m.size());
    for (auto& [key, value] : m) {
      write_key(key);
      f(value);
    }
  }
  // A list, each element described by f.
  template <class List, class F>
  void each(List& l, F f) {
    count(l.size());
    for (auto& x : l) f(x);
  }

 private:
  void write_key(const std::string& k) { w_.str(k); }  // a map's keys are const: no copy to describe
  void write_key(uint64_t k) { w_.u64(k); }
  StateWriter& w_;
};

class Loader {
 public:
  static constexpr bool loading = true;
  explicit Loader(StateReader& r) : r_(r) {}

  void operator()(int64_t& v) { v = r_.i64(); }
  void operator()(uint64_t& v) { v = r_.u64(); }
  void operator()(int& v) {
    int64_t x = r_.i64();
    if (x < INT32_MIN || x > INT32_MAX) throw CheckpointError("a number out of range");
    v = int(x);
  }
  void operator()(bool& v) { v = r_.in.boolean(); }
  void operator()(double& v) { v = r_.in.f64(); }
  void operator()(Date& d) { d = r_.date(); }
  void operator()(std::string& s) { s = r_.str(); }
  void event(EventPtr& e) { e = r_.event(); }
  void required_event(EventPtr& e) { e = r_.required_event(); }
  void org(int& i) { i = r_.org_index(); }
  void person(int& i) { i = r_.person_index(); }
  size_t count(size_t) { return r_.count(); }
  // Refuses the checkpoint unless ok; `why` (a function giving the reason) runs only then.
  template <class Why>
  void check(bool ok, Why&& why) {
    if (!ok) throw CheckpointError(why());
  }

  // A key read again adds to its value (f appends to what is there).
  template <class Map, class F>
  void keyed(Map& m, F f) {
    for (size_t n = r_.count(); n > 0; --n) {
      typename Map::key_type key{};
      (*this)(key);
      f(m[std::move(key)]);
    }
  }
  template <class List, class F>
  void each(List& l, F f) {
    for (size_t n = r_.count(); n > 0; --n) f(l.emplace_back());
  }

 private:
  StateReader& r_;
};

}  // namespace jiandu::eval
