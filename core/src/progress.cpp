#include "snn/progress.hpp"

#include <algorithm>
#include <limits>

namespace snn {
namespace {

struct State {
  ProgressReporter reporter = nullptr;
  void* context = nullptr;
  double begin = 0.0, end = 1.0;  // the part of the call the innermost loop covers
  double last = 0.0;              // the last fraction reported (reports never go back)
};

// One per thread. WebAssembly without threads has no thread-local storage (and only one thread).
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
State state;
#else
thread_local State state;
#endif

// About this many neuron updates between reports: a fraction of a millisecond natively, a few in WebAssembly.
constexpr double kUpdatesPerReport = 1 << 20;

}  // namespace

ReportProgress::ReportProgress(ProgressReporter reporter, void* context)
    : previous_reporter_(state.reporter), previous_context_(state.context) {
  state.reporter = reporter;
  state.context = context;
  state.begin = 0.0;
  state.end = 1.0;
  state.last = 0.0;
}

ReportProgress::~ReportProgress() {
  state.reporter = previous_reporter_;
  state.context = previous_context_;
}

namespace detail {

bool progressWanted() { return state.reporter != nullptr; }

ProgressPart::ProgressPart(double begin, double end) : outer_begin_(state.begin), outer_end_(state.end) {
  const double width = outer_end_ - outer_begin_;
  state.begin = outer_begin_ + width * begin;
  state.end = outer_begin_ + width * end;
}

ProgressPart::~ProgressPart() {
  state.begin = outer_begin_;
  state.end = outer_end_;
}

void reportProgress(double fraction) {
  if (!state.reporter) return;
  const double f = std::clamp(state.begin + (state.end - state.begin) * std::clamp(fraction, 0.0, 1.0), 0.0, 1.0);
  if (f < state.last) return;
  state.last = f;
  state.reporter(state.context, f);
}

StepProgress::StepProgress(std::size_t steps, double work_per_step) : steps_(steps) {
  const double every = kUpdatesPerReport / std::max(work_per_step, 1.0);
  every_ = every >= static_cast<double>(steps) ? steps : std::max<std::size_t>(1, static_cast<std::size_t>(every));
  // Nobody listening: a step that never comes.
  next_ = progressWanted() && steps > 0 ? every_ : std::numeric_limits<std::size_t>::max();
}

void StepProgress::advance(std::size_t t) {
  reportProgress(static_cast<double>(t) / static_cast<double>(steps_));
  next_ = t + every_;
}

}  // namespace detail
}  // namespace snn
