#include "snn/trace.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace snn {

std::size_t TraceArray::rowSize() const {
  std::size_t n = 1;
  for (std::size_t d = 1; d < shape.size(); ++d) n *= shape[d];
  return n;
}

const TraceArray* Trace::find(const std::string& name) const {
  for (const auto& a : arrays)
    if (a.name == name) return &a;
  return input.name == name ? &input : nullptr;
}

std::string formatFloat(float value) {
  const double v = value;
  if (!std::isfinite(v)) return "null";
  if (v == 0.0) return std::signbit(v) ? "-0.0" : "0.0";
  // Shortest %.Ng that reads back as the same double. Round-tripping is monotone in N, so a binary search
  // over 1..17 needs about four tries. (Emscripten 3.1.6's libc++ has no floating-point to_chars.)
  char buf[320];  // %g of any double fits; sized so the compiler can prove it
  int lo = 1, hi = 17;
  while (lo < hi) {
    const int mid = (lo + hi) / 2;
    std::snprintf(buf, sizeof buf, "%.*g", mid, v);
    if (std::strtod(buf, nullptr) == v) hi = mid; else lo = mid + 1;
  }
  std::snprintf(buf, sizeof buf, "%.*g", lo, v);
  std::string s(buf);
  // Keep a float looking like a float ("0.0", "-0.0"), as the goldens and Python's json write them.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

namespace {

// Spikes as whole numbers, as the goldens write them; a spike of −0.0 (a negative graded_spikes_factor times
// no spike) keeps its sign as a float, "-0.0".
void appendValue(std::string& out, float v, bool is_spike) {
  if (is_spike && std::isfinite(v) && v == std::nearbyint(v) && std::fabs(v) < 1e9f && !(v == 0.0f && std::signbit(v))) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
    out.append(buf, res.ptr);
  } else {
    out += formatFloat(v);
  }
}

// Writes data[offset ...] with nesting given by shape[dim...].
void appendNested(std::string& out, const TraceArray& a, std::size_t dim, std::size_t& offset) {
  out += '[';
  const std::size_t n = a.shape[dim];
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    if (dim + 1 == a.shape.size()) {
      appendValue(out, a.data[offset++], a.is_spike);
    } else {
      appendNested(out, a, dim + 1, offset);
    }
  }
  out += ']';
}

void appendArray(std::string& out, const TraceArray& a) {
  out += '"';
  out += a.name;
  out += "\": ";
  std::size_t offset = 0;
  appendNested(out, a, 0, offset);
}

// Column names of one array: mem_0, mem_1 ... (or mem1_b0_3 for batched network arrays).
void appendHeader(std::string& out, const TraceArray& a) {
  const std::size_t row = a.rowSize();
  const bool batched = a.shape.size() == 3 && a.shape[1] > 1;
  const std::size_t width = a.shape.size() == 3 ? a.shape[2] : row;
  for (std::size_t j = 0; j < row; ++j) {
    out += ',';
    out += a.name;
    out += '_';
    if (batched) {
      out += 'b';
      out += std::to_string(j / width);
      out += '_';
    }
    out += std::to_string(j % width);
  }
}

}  // namespace

std::uint64_t traceHash(const Trace& trace) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= p[i];
      h *= 0x100000001b3ULL;
    }
  };
  for (const auto& a : trace.arrays) {
    mix(a.name.data(), a.name.size());
    for (std::size_t d : a.shape) {
      const std::uint64_t d64 = d;  // same width on wasm32 and x86-64
      unsigned char le[8];
      for (int b = 0; b < 8; ++b) le[b] = static_cast<unsigned char>(d64 >> (8 * b));
      mix(le, 8);
    }
    for (float v : a.data) {
      std::uint32_t u;
      std::memcpy(&u, &v, 4);
      const unsigned char le[4] = {static_cast<unsigned char>(u), static_cast<unsigned char>(u >> 8),
                                   static_cast<unsigned char>(u >> 16), static_cast<unsigned char>(u >> 24)};
      mix(le, 4);
    }
  }
  return h;
}

std::string hashHex(std::uint64_t hash) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

std::string traceToJson(const Trace& trace, const TraceJsonOptions& options) {
  std::string out = "{";
  bool first = true;
  auto add = [&](const TraceArray& a) {
    if (!first) out += ", ";
    first = false;
    appendArray(out, a);
  };
  if (options.include_input && !trace.input.data.empty()) add(trace.input);
  for (const auto& a : trace.arrays) add(a);
  out += "}\n";
  return out;
}

std::string traceToCsv(const Trace& trace, bool include_input) {
  // States first, spikes last, as a teacher reads them: step, mem_0, ..., spk_0, ...
  std::vector<const TraceArray*> cols;
  if (include_input && !trace.input.data.empty()) cols.push_back(&trace.input);
  for (const auto& a : trace.arrays)
    if (!a.is_spike) cols.push_back(&a);
  for (const auto& a : trace.arrays)
    if (a.is_spike) cols.push_back(&a);
  std::string out = "step";
  for (const auto* a : cols) appendHeader(out, *a);
  out += '\n';
  for (std::size_t t = 0; t < trace.num_steps; ++t) {
    out += std::to_string(t);
    for (const auto* a : cols) {
      const std::size_t row = a->rowSize();
      for (std::size_t j = 0; j < row; ++j) {
        out += ',';
        const float v = a->data[t * row + j];
        if (std::isfinite(v)) appendValue(out, v, a->is_spike);
        // non-finite values stay empty cells (CSV has no NaN convention that every reader shares)
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace snn
