// snn: run and check Scenarios from the command line. Thin: reading files and printing is all it does;
// every rule and number comes from the core. Whatever happens it ends with one of three statuses and, for
// any but 0, a message on stderr: 0 done, 2 the scenario is invalid, 1 anything else (usage, unreadable
// input, unwritable output, out of memory). Nothing the user wrote reaches the terminal unescaped.
#include <sys/stat.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
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
1 anything else: a usage error, an unreadable FILE, output that cannot be written (a full disk, a
closed pipe), out of memory (the reason is on stderr).
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

// Text a user wrote (a name, a field, a file name), made safe to print on a terminal: control characters
// (C0, DEL, C1), the bidirectional overrides that reorder what a terminal shows, and bytes that are not
// UTF-8 become escapes (\x1b, \u202e), so nothing in a scenario can move the cursor, recolour or retitle
// the terminal, or hide text. Everything else is printed as it is.
std::string terminalSafe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  char buf[16];
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned c = p[i];
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // The length of a well-formed UTF-8 sequence starting here, or 0.
    std::size_t len = 0;
    unsigned cp = 0;
    if (c >= 0xc2 && c <= 0xdf) len = 2, cp = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef) len = 3, cp = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4) len = 4, cp = c & 0x07;
    if (len && i + len <= n) {
      for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xc0) != 0x80) {
          len = 0;
          break;
        }
        cp = (cp << 6) | (p[i + k] & 0x3f);
      }
      // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
      if (len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) len = 0;
      if (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) len = 0;
    } else {
      len = 0;
    }
    if (!len) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
      ++i;
      continue;
    }
    const bool control = cp <= 0x9f;  // U+0080..U+009F (U+0000..U+007F were handled above)
    const bool bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
                      cp == 0x200f || cp == 0x061c;
    if (control || bidi) {
      std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      out += buf;
    } else {
      out.append(text, i, len);
    }
    i += len;
  }
  return out;
}

// Reads FILE (or standard input for "-") whole. On failure, `error` says why.
bool readAll(const std::string& path, std::string& out, std::string& error) {
  std::FILE* in = stdin;
  if (path != "-") {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      error = "it is a directory";
      return false;
    }
    in = std::fopen(path.c_str(), "rb");
    if (!in) {
      error = std::strerror(errno);
      return false;
    }
  }
  char buf[1 << 16];
  std::size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, in)) > 0) out.append(buf, got);
  const bool failed = std::ferror(in) != 0;
  const int saved = errno;
  if (in != stdin) std::fclose(in);
  if (failed) error = std::strerror(saved);
  return !failed;
}

// Writes the whole output and flushes it. A full disk, a closed pipe or any other write error gives a
// message and status 1 (SIGPIPE is ignored, so a closed pipe is an error like the others, not a death).
int writeOut(const std::string& text) {
  errno = 0;
  const std::size_t wrote = std::fwrite(text.data(), 1, text.size(), stdout);
  if (wrote == text.size() && std::fflush(stdout) == 0 && !std::ferror(stdout)) return 0;
  std::fprintf(stderr, "snn: cannot write the output: %s\n", errno ? std::strerror(errno) : "write error");
  return 1;
}

int usage(const std::string& problem) {
  std::fprintf(stderr, "snn: %s\nRun 'snn --help' for usage.\n", terminalSafe(problem).c_str());
  return 1;
}

int invalid(const std::string& message) {
  std::fprintf(stderr, "snn: invalid scenario: %s\n", terminalSafe(message).c_str());
  return 2;
}

// The command line's work; main() adds the last-resort handlers.
int run(int argc, char** argv) {
  std::string command, file;
  bool csv = false, with_input = false, json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h" || a == "help") {
      return writeOut(helpText());
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
      return usage("unexpected argument '" + a + "'");
    }
  }
  if (command.empty()) {
    std::fputs(helpText().c_str(), stderr);
    return 1;
  }
  if (command == "models") {
    if (!file.empty()) return usage("unexpected argument '" + file + "'");
    return writeOut(json ? snn::catalogueJson() + "\n" : modelsText());
  }
  if (command != "run" && command != "validate" && command != "hash" && command != "resolve")
    return usage("unknown command '" + command + "'");
  if (file.empty()) return usage("'snn " + command + "' needs a FILE (or - for standard input)");

  std::string text, error;
  if (!readAll(file, text, error)) {
    std::fprintf(stderr, "snn: cannot read '%s': %s\n", terminalSafe(file).c_str(), error.c_str());
    return 1;
  }
  try {
    if (command == "resolve") return writeOut(snn::resolveScenario(text) + "\n");
    if (snn::isSweepScenario(text)) {
      // A valid scenario that the command does not apply to: a usage error (1), not an invalid scenario.
      if (command == "hash") {
        std::fprintf(stderr, "snn: a sweep has no trace to hash; 'snn run' prints its spike counts\n");
        return 1;
      }
      if (with_input) {
        std::fprintf(stderr, "snn: --with-input: a sweep runs many inputs and prints none\n");
        return 1;
      }
      const snn::SweepResult sweep = command == "validate" ? snn::checkSweep(text) : snn::runSweep(text);
      if (command == "validate")
        return writeOut("ok: a sweep of " + terminalSafe(sweep.path) + " over " + std::to_string(sweep.values.size()) + " values, " +
                        std::to_string(sweep.num_steps) + " steps, " + std::to_string(sweep.rowSize()) + " neuron(s) counted (" +
                        terminalSafe(sweep.array) + ")\n");
      return writeOut(csv ? snn::sweepToCsv(sweep) : snn::sweepToJson(sweep));
    }
    const snn::Scenario scenario = snn::parseScenario(text);
    if (command == "validate") {
      const std::string what = scenario.isNetwork()
                                   ? std::to_string(scenario.linears.size()) + "-layer network, batch " + std::to_string(scenario.batch)
                                   : std::to_string(scenario.num_neurons) + " " + snn::modelName(scenario.neuron.model) + " neuron(s)";
      return writeOut("ok: " + terminalSafe(scenario.name) + (scenario.name.empty() ? "" : ": ") +
                      std::to_string(scenario.num_steps) + " steps, " + what + "\n");
    }
    const snn::Trace trace = snn::runScenario(scenario);
    if (command == "hash") return writeOut(snn::hashHex(snn::traceHash(trace)) + "\n");
    // Build the whole text first: nothing half-written reaches stdout if something fails.
    return writeOut(csv ? snn::traceToCsv(trace, with_input) : snn::traceToJson(trace, snn::TraceJsonOptions{with_input}));
  } catch (const snn::ScenarioError& e) {
    return invalid(e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
#ifdef SIGPIPE
  std::signal(SIGPIPE, SIG_IGN);
#endif
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr, "snn: out of memory\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "snn: %s\n", terminalSafe(e.what()).c_str());
  } catch (...) {
    std::fprintf(stderr, "snn: an unexpected error\n");
  }
  return 1;
}
