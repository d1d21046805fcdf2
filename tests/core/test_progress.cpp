// Progress reports (snn/progress.hpp): what a long run tells whoever waits on it. Fractions stay in [0, 1]
// and never go back, a long run reports many times, a sweep's value i of n ends at (i+1)/n, reporters nest,
// and listening changes no result.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "snn/progress.hpp"
#include "snn/scenario.hpp"
#include "snn/session.hpp"
#include "snn/sweep.hpp"
#include "snn/trace.hpp"

namespace {

struct Seen {
  std::vector<double> fractions;
};

void record(void* context, double fraction) { static_cast<Seen*>(context)->fractions.push_back(fraction); }

// 2000 Leaky neurons over 3000 steps: 6e6 updates, several reports' worth.
const std::string kLong = R"({"model": "Leaky", "constructor": {"beta": 0.9}, "num_steps": 3000, "num_neurons": 2000,
  "input": {"constant": {"value": {"uniform": [0, 0.3], "seed": 3}}}, "record": ["spk"]})";

const std::string kNetwork = R"({"layers": [{"type": "Linear", "in": 50, "out": 400, "seed": 1},
  {"type": "Leaky", "beta": 0.9}, {"type": "Linear", "in": 400, "out": 10, "seed": 2}, {"type": "Leaky", "beta": 0.8}],
  "num_steps": 2000, "input": {"rate": {"p": 0.2, "seed": 4}}, "record": ["spk2"]})";

void checkShape(const std::vector<double>& f) {
  REQUIRE_FALSE(f.empty());
  for (std::size_t i = 0; i < f.size(); ++i) {
    CHECK(f[i] >= 0.0);
    CHECK(f[i] <= 1.0);
    if (i) CHECK(f[i] >= f[i - 1]);
  }
}

}  // namespace

TEST_CASE("progress: a long population run reports often, in order, and its trace is the same as without") {
  const auto quiet = snn::traceHash(snn::runScenario(snn::parseScenario(kLong)));
  Seen seen;
  std::uint64_t heard = 0;
  {
    snn::ReportProgress listen(record, &seen);
    heard = snn::traceHash(snn::runScenario(snn::parseScenario(kLong)));
  }
  CHECK(heard == quiet);
  checkShape(seen.fractions);
  CHECK(seen.fractions.size() >= 4);
  CHECK(seen.fractions.back() > 0.5);
  // Nothing is heard once the reporter is gone.
  const std::size_t before = seen.fractions.size();
  (void)snn::runScenario(snn::parseScenario(kLong));
  CHECK(seen.fractions.size() == before);
}

TEST_CASE("progress: a network run reports, and a short run need not") {
  Seen seen;
  std::uint64_t heard = 0;
  {
    snn::ReportProgress listen(record, &seen);
    heard = snn::traceHash(snn::runScenario(snn::parseScenario(kNetwork)));
  }
  CHECK(heard == snn::traceHash(snn::runScenario(snn::parseScenario(kNetwork))));
  checkShape(seen.fractions);
  CHECK(seen.fractions.size() >= 2);

  Seen small;
  snn::ReportProgress listen(record, &small);
  (void)snn::runScenario(snn::parseScenario(R"({"model": "Leaky", "constructor": {"beta": 0.9}, "num_steps": 10, "input": {"constant": {"value": 0.5}}})"));
  CHECK(small.fractions.size() <= 1);
}

TEST_CASE("progress: a sweep's value i of n ends at (i+1)/n, and the counts are the same as without") {
  const std::string sweep = R"({"model": "Leaky", "num_steps": 400, "num_neurons": 3000, "input": {"constant": {"value": 0.5}},
    "sweep": {"path": "constructor.beta", "values": [0.5, 0.7, 0.9, 0.95]}})";
  const snn::SweepResult quiet = snn::runSweep(sweep);
  Seen seen;
  snn::SweepResult heard;
  {
    snn::ReportProgress listen(record, &seen);
    heard = snn::runSweep(sweep);
  }
  CHECK(heard.spike_count == quiet.spike_count);
  CHECK(heard.first_spike == quiet.first_spike);
  checkShape(seen.fractions);
  for (double end : {0.25, 0.5, 0.75, 1.0}) {
    bool found = false;
    for (double f : seen.fractions) found = found || f == end;
    CHECK(found);
  }
  // Within value 0, the reports lie in [0, 0.25].
  CHECK(seen.fractions.front() <= 0.25);
}

TEST_CASE("progress: an inner reporter hears the inner call, the outer one is back afterwards") {
  Seen outer, inner;
  snn::ReportProgress a(record, &outer);
  {
    snn::ReportProgress b(record, &inner);
    (void)snn::runScenario(snn::parseScenario(kLong));
  }
  CHECK_FALSE(inner.fractions.empty());
  CHECK(outer.fractions.empty());
  (void)snn::runScenario(snn::parseScenario(kLong));
  CHECK_FALSE(outer.fractions.empty());
}
