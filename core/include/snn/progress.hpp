// How far a long call has got, for whoever waits on it: a command line's progress bar, a page's worker that
// tells the page. Whoever runs the core installs a Reporter for the length of a call (ReportProgress); the
// core's loops say how far they are as a fraction of the whole call. With no reporter installed a loop pays
// one branch per step, and reports never change a result.
#pragma once

#include <cstddef>

namespace snn {

// Receives fractions in [0, 1], non-decreasing within one call, at most every few hundred thousand neuron
// updates (a slow consumer should also keep its own clock). It must not call back into the core.
using ProgressReporter = void (*)(void* context, double fraction);

// Installs a reporter for the lifetime of the object (one per thread; an inner one replaces an outer one
// until it ends).
class ReportProgress {
 public:
  ReportProgress(ProgressReporter reporter, void* context);
  ~ReportProgress();
  ReportProgress(const ReportProgress&) = delete;
  ReportProgress& operator=(const ReportProgress&) = delete;

 private:
  ProgressReporter previous_reporter_;
  void* previous_context_;
};

namespace detail {

// Whether anyone listens (the loops test this before doing anything else).
bool progressWanted();

// The part [begin, end) of the enclosing part of the call that this object's loop covers (a sweep's value i
// of n covers [i/n, (i+1)/n)); parts nest. report(f) says the loop is f of the way through its part.
class ProgressPart {
 public:
  ProgressPart(double begin, double end);
  ~ProgressPart();
  ProgressPart(const ProgressPart&) = delete;
  ProgressPart& operator=(const ProgressPart&) = delete;

 private:
  double outer_begin_, outer_end_;
};

void reportProgress(double fraction);

// For a loop over `steps` steps of `work_per_step` neuron updates each: every() steps it reports.
class StepProgress {
 public:
  StepProgress(std::size_t steps, double work_per_step);
  void at(std::size_t t) {
    if (t == next_) advance(t);
  }

 private:
  void advance(std::size_t t);
  std::size_t steps_, every_, next_;
};

}  // namespace detail
}  // namespace snn
