// snn: run and check Scenarios from the command line. Thin: reading files and printing is all it does;
// every rule and number comes from the core.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "snn/catalogue.hpp"
#include "snn/error.hpp"
#include "snn/scenario.hpp"
#include "snn/sweep.hpp"

namespace {

// The help text; its lists of models, keywords and generators come from the catalogue.
std::string helpText() {
  std::string models, keywords, generators;
  for (const snn::ModelInfo& m : snn::models()) {
    models += (models.empty() ? "" : ", ") + std::string(m.name);
    for (const char* a : m.aliases) models += std::string(" (old name ") + a + ")";
    for (const snn::FieldInfo& k : m.keywords)
      if (k.forward && keywords.find(std::string(k.name) + ",") == std::string::npos) keywords += std::string(k.name) + ", ";
  }
  for (const snn::GeneratorInfo& g : snn::generators()) generators += (generators.empty() ? "" : ", ") + std::string(g.name);
  if (!keywords.empty()) keywords.resize(keywords.size() - 2);
  return R"(snn - simulate spiking neurons with snnTorch 0.9.4's numbers

Usage:
  snn run FILE [--csv] [--with-input]   simulate the Scenario in FILE and print its Trace (a sweep: its
                                        spike counts and first spikes, one row per value)
  snn validate FILE                     check a Scenario and say what is wrong with it
  snn resolve FILE                      print the Scenario with every default written out
  snn hash FILE                         print a 64-bit hash of the Trace (equal hash = identical bits;
                                        the WASM build must print the same)
  snn models [--json]                   every model, keyword and input generator, with defaults and ranges
  snn --help                            this text
FILE may be - to read standard input.

A Scenario is a JSON object, for example (a Leaky neuron fed a step current):
  {"model": "Leaky", "constructor": {"beta": 0.8}, "num_steps": 200,
   "input": {"step": {"amplitude": 0.21, "start": 10}}}
Models: )" + models + R"(.
"constructor" takes snnTorch's keyword names: )" + keywords + R"(.
Inputs: explicit rows [T][N], or a generator: )" + generators + R"(.
Networks use "layers". A "sweep": {"path": "input.constant.value", "values": [0, 0.1, ...]} runs the
scenario once per value of that field. See README.md, and 'snn models' for every default and range.

Output:
  run           JSON with one array per state, row k = what step k returned:
                {"spk": [[0], ...], "mem": [[0.0], ...]} (the golden files' "output" layout)
  run --csv     one line per step: step,mem_0,...,spk_0,...
  --with-input  also print the input that was fed (handy when it came from a generator)
  run (sweep)   {"path": ..., "array": "spk", "num_steps": T, "values": [...], "spike_count": [[...], ...],
                "first_spike": [[...], ...]}: per value, each neuron's spiking steps and the first (-1: none);
                --csv: value,count_0,...,first_0,...

Exit status: 0 success; 2 the scenario is invalid (the reason is on stderr, nothing on stdout);
1 any other failure (unreadable file, out of memory).
)";
}

// `snn models` without --json: a model per paragraph, a keyword per line.
std::string modelsText() {
  std::string out;
  auto field = [&](const snn::FieldInfo& f) {
    out += "  " + std::string(f.name);
    if (f.absent_kind == snn::Absent::Default) out += " = " + std::string(f.default_json);
    else if (f.absent_kind == snn::Absent::Required) out += " (required)";
    else out += " (absent: " + std::string(f.absent) + ")";
    if (f.meaning) out += ": " + std::string(f.meaning);
    if (f.rule) out += "; " + std::string(f.rule);
    out += "\n";
  };
  for (const snn::ModelInfo& m : snn::models()) {
    out += std::string(m.name) + (m.snntorch ? " (" + std::string(m.snntorch) + ")" : "") + ": " + m.summary + "\n";
    out += "  states: ";
    for (std::size_t i = 0; i < m.states.size(); ++i) out += (i ? ", " : "") + std::string(m.states[i]);
    out += "\n";
    for (const snn::FieldInfo& k : m.keywords)
      if (k.forward) field(k);
    out += "\n";
  }
  for (const snn::GeneratorInfo& g : snn::generators()) {
    out += "input " + std::string(g.name) + ": " + g.summary + "\n";
    for (const snn::FieldInfo& f : g.fields) field(f);
    out += "\n";
  }
  return out;
}

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
  bool csv = false, with_input = false, json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h" || a == "help") {
      std::fputs(helpText().c_str(), stdout);
      return 0;
    } else if (a == "--csv") {
      csv = true;
    } else if (a == "--with-input") {
      with_input = true;
    } else if (a == "--json") {
      json = true;
    } else if (command.empty()) {
      command = a;
    } else if (file.empty()) {
      file = a;
    } else {
      return usage(("unexpected argument '" + a + "'").c_str());
    }
  }
  if (command.empty()) {
    std::fputs(helpText().c_str(), stderr);
    return 2;
  }
  if (command == "models") {
    if (!file.empty()) return usage(("unexpected argument '" + file + "'").c_str());
    const std::string out = json ? snn::catalogueJson() + "\n" : modelsText();
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  if (command != "run" && command != "validate" && command != "hash" && command != "resolve")
    return usage(("unknown command '" + command + "'").c_str());
  if (file.empty()) return usage(("'snn " + command + "' needs a FILE (or - for standard input)").c_str());

  std::string text;
  if (!readAll(file, text)) {
    std::fprintf(stderr, "snn: cannot read '%s': %s\n", file.c_str(), std::strerror(errno));
    return 1;
  }
  try {
    if (command == "resolve") {
      const std::string out = snn::resolveScenario(text) + "\n";
      std::fwrite(out.data(), 1, out.size(), stdout);
      return std::fflush(stdout) == 0 ? 0 : 1;
    }
    if (snn::isSweepScenario(text)) {
      if (command == "hash") {
        std::fprintf(stderr, "snn: a sweep has no trace to hash; 'snn run' prints its spike counts\n");
        return 2;
      }
      if (with_input) {
        std::fprintf(stderr, "snn: --with-input: a sweep runs many inputs and prints none\n");
        return 2;
      }
      const snn::SweepResult sweep = command == "validate" ? snn::checkSweep(text) : snn::runSweep(text);
      if (command == "validate") {
        std::printf("ok: a sweep of %s over %zu values, %zu steps, %zu neuron(s) counted (%s)\n", sweep.path.c_str(),
                    sweep.values.size(), sweep.num_steps, sweep.rowSize(), sweep.array.c_str());
        return 0;
      }
      const std::string out = csv ? snn::sweepToCsv(sweep) : snn::sweepToJson(sweep);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return std::fflush(stdout) == 0 ? 0 : 1;
    }
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
