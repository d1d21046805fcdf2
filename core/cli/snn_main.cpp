// snn: run and check Scenarios from the command line. Thin: reading files and printing is all it does;
// every rule and number comes from the core.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "snn/error.hpp"
#include "snn/scenario.hpp"

namespace {

constexpr const char* kHelp = R"(snn - simulate spiking neurons with snnTorch 0.9.4's numbers

Usage:
  snn run FILE [--csv] [--with-input]   simulate the Scenario in FILE and print its Trace
  snn validate FILE                     check a Scenario and say what is wrong with it
  snn hash FILE                         print a 64-bit hash of the Trace (equal hash = identical bits;
                                        the WASM build must print the same)
  snn --help                            this text
FILE may be - to read standard input.

A Scenario is a JSON object, for example (a Leaky neuron fed a step current):
  {"model": "Leaky", "constructor": {"beta": 0.8}, "num_steps": 200,
   "input": {"step": {"amplitude": 0.21, "start": 10}}}
Models: Lapicque, Leaky, Synaptic (old name Stein), Alpha (old name SRM0), EulerLIF (the tutorial's
hand-written neuron), and Lapicque(v0.2.11), Stein(v0.2.11), SRM0(v0.2.11) for the 2021 notebook.
"constructor" takes snnTorch's keyword names (beta, alpha, threshold, reset_mechanism, reset_delay, R,
C, time_step, graded_spikes_factor). Inputs: explicit rows [T][N], or a generator: constant, step,
pulses, periodic, noise, rate, latency, delta, sum. Networks use "layers". See README.md.

Output:
  run           JSON with one array per state, row k = what step k returned:
                {"spk": [[0], ...], "mem": [[0.0], ...]} (the golden files' "output" layout)
  run --csv     one line per step: step,mem_0,...,spk_0,...
  --with-input  also print the input that was fed (handy when it came from a generator)

Exit status: 0 success; 2 the scenario is invalid (the reason is on stderr, nothing on stdout);
1 any other failure (unreadable file, out of memory).
)";

bool readAll(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return !std::cin.bad();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

int usage(const char* problem) {
  std::fprintf(stderr, "snn: %s\nRun 'snn --help' for usage.\n", problem);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command, file;
  bool csv = false, with_input = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h" || a == "help") {
      std::fputs(kHelp, stdout);
      return 0;
    } else if (a == "--csv") {
      csv = true;
    } else if (a == "--with-input") {
      with_input = true;
    } else if (command.empty()) {
      command = a;
    } else if (file.empty()) {
      file = a;
    } else {
      return usage(("unexpected argument '" + a + "'").c_str());
    }
  }
  if (command.empty()) {
    std::fputs(kHelp, stderr);
    return 2;
  }
  if (command != "run" && command != "validate" && command != "hash") return usage(("unknown command '" + command + "'").c_str());
  if (file.empty()) return usage(("'snn " + command + "' needs a FILE (or - for standard input)").c_str());

  std::string text;
  if (!readAll(file, text)) {
    std::fprintf(stderr, "snn: cannot read '%s': %s\n", file.c_str(), std::strerror(errno));
    return 1;
  }
  try {
    const snn::Scenario scenario = snn::parseScenario(text);
    if (command == "validate") {
      std::printf("ok: %s%s%zu steps, %s\n", scenario.name.c_str(), scenario.name.empty() ? "" : ": ",
                  scenario.num_steps,
                  scenario.isNetwork() ? (std::to_string(scenario.linears.size()) + "-layer network, batch " +
                                          std::to_string(scenario.batch)).c_str()
                                       : (std::to_string(scenario.num_neurons) + " " +
                                          snn::modelName(scenario.neuron.model) + " neuron(s)").c_str());
      return 0;
    }
    const snn::Trace trace = snn::runScenario(scenario);
    if (command == "hash") {
      std::printf("%s\n", snn::hashHex(snn::traceHash(trace)).c_str());
      return 0;
    }
    // Build the whole text first: nothing half-written reaches stdout if something fails.
    const std::string out = csv ? snn::traceToCsv(trace, with_input)
                                : snn::traceToJson(trace, snn::TraceJsonOptions{with_input});
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  } catch (const snn::ScenarioError& e) {
    std::fprintf(stderr, "snn: invalid scenario: %s\n", e.what());
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "snn: out of memory\n");
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "snn: %s\n", e.what());
    return 1;
  }
}
