// The catalogue says what the parser does, and these tests hold it to that: every default is the value the
// parser uses, every required field is refused when missing, every forward keyword changes a trace and
// every inert one does not, state names are the populations' own, bounds are enforced where they say, and
// a resolved scenario runs to the same bits as the scenario it came from.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

#include "fields.hpp"
#include "snn/catalogue.hpp"
#include "snn/error.hpp"
#include "snn/scenario.hpp"
#include "support.hpp"

using Json = nlohmann::json;

namespace {

// A value for a keyword the catalogue gives no default: its example, else the middle of its typical range.
Json exampleOf(const snn::FieldInfo& k) {
  if (k.example) return Json::parse(k.example);
  if (k.typical.set) return (k.typical.min + k.typical.max) / 2;
  FAIL("keyword " << k.name << " has neither an example nor a typical range");
  return nullptr;
}

// A constructor with the model's required keywords (and, for a model of several parameterisations, its
// largest form), from the catalogue's examples.
Json baseConstructor(const snn::ModelInfo& m) {
  Json kw = Json::object();
  for (const snn::FieldInfo& k : m.keywords)
    if (k.absent_kind == snn::Absent::Required) kw[k.name] = exampleOf(k);
  if (!m.forms.empty()) {
    snn::Names largest = m.forms[0];
    for (snn::Names form : m.forms)
      if (form.size() > largest.size()) largest = form;
    for (const char* name : largest) kw[name] = exampleOf(*snn::findField(m.keywords, name));
  }
  // The RC circuits at the tutorial's time step (the default, 1, would make these examples' Euler steps unstable).
  if (m.kind == snn::ModelKind::Lapicque || m.kind == snn::ModelKind::EulerLIF) kw["time_step"] = 1e-3;
  return kw;
}

// Three neurons over 120 steps of an input that makes every model spike and reset many times (for the
// RC circuits with their examples' R, C and time step too).
Json population(const snn::ModelInfo& m, const Json& constructor) {
  const bool circuit = m.kind == snn::ModelKind::Lapicque || m.kind == snn::ModelKind::EulerLIF;
  return Json{{"model", m.name},
              {"constructor", constructor},
              {"num_steps", 120},
              {"num_neurons", 3},
              {"input", {{"constant", {{"value", Json::array({circuit ? 0.3 : 0.45, circuit ? 0.5 : 0.7, circuit ? 1.0 : 1.6})}}}}}};
}

std::uint64_t hashOf(const Json& scenario) { return snn::traceHash(snn::runScenarioJson(scenario.dump())); }

// The trace's hash, or the error the run ends with (the circuits' default time step of 1 makes these
// examples' Euler steps unstable: the run is refused when the membrane overflows).
std::string outcomeOf(const Json& scenario) {
  try {
    return snn::hashHex(hashOf(scenario));
  } catch (const snn::ScenarioError& e) {
    return std::string("refused: ") + e.what();
  }
}

// Another valid value for a keyword: true/false flipped, another choice, or a number moved within range.
Json otherValue(const snn::FieldInfo& k, const Json& current) {
  switch (k.type) {
    case snn::FieldType::Bool: return !current.get<bool>();
    case snn::FieldType::Choice:
      for (const char* c : k.choices)
        if (current != c) return c;
      break;
    case snn::FieldType::Number:
    case snn::FieldType::PerNeuron:
      // A point of the typical range (where rules between keywords hold), else the value moved by 30 %.
      if (k.typical.set) {
        const double v = k.typical.min + 0.3 * (k.typical.max - k.typical.min);
        return v != current.get<double>() ? v : k.typical.min + 0.6 * (k.typical.max - k.typical.min);
      }
      return current.get<double>() * 0.7;
    default: break;
  }
  FAIL("no other value for " << k.name);
  return nullptr;
}

}  // namespace

TEST_CASE("catalogue: a default written out gives the trace its absence gives", "[catalogue]") {
  for (const snn::ModelInfo& m : snn::models())
    for (const snn::FieldInfo& k : m.keywords) {
      if (k.absent_kind != snn::Absent::Default || !k.forward) continue;
      INFO(m.name << "." << k.name << " = " << k.default_json);
      Json absent = population(m, baseConstructor(m));
      absent["constructor"].erase(k.name);
      Json explicit_default = absent;
      explicit_default["constructor"][k.name] = Json::parse(k.default_json);
      CHECK(outcomeOf(explicit_default) == outcomeOf(absent));
    }
}

TEST_CASE("catalogue: every forward keyword changes the trace, every inert one does not", "[catalogue]") {
  for (const snn::ModelInfo& m : snn::models())
    for (const snn::FieldInfo& k : m.keywords) {
      INFO(m.name << "." << k.name);
      const Json base = population(m, baseConstructor(m));
      const Json current = base["constructor"].contains(k.name) ? base["constructor"][k.name]
                           : k.default_json                     ? Json::parse(k.default_json)
                                                                : exampleOf(k);
      if (!k.choices.empty() && k.type == snn::FieldType::Bool) {
        // Only the listed values are supported: the other one is refused.
        Json refused = base;
        refused["constructor"][k.name] = !current.get<bool>();
        CHECK_THROWS_AS(snn::parseScenario(refused.dump()), snn::ScenarioError);
        continue;
      }
      if (k.type == snn::FieldType::Surrogate) {
        Json named = base;
        named["constructor"][k.name] = "atan";
        CHECK(hashOf(named) == hashOf(base));
        continue;
      }
      Json changed = base;
      changed["constructor"][k.name] = otherValue(k, current);
      // Lapicque's beta and R, C are alternatives: giving beta means dropping one of them.
      if (m.kind == snn::ModelKind::Lapicque && std::string(k.name) == "beta") changed["constructor"].erase("C");
      if (k.forward) {
        CHECK(hashOf(changed) != hashOf(base));
      } else {
        // An inert keyword changes nothing, or is refused where its rule says snnTorch cannot take it.
        std::string refused;
        std::uint64_t changed_hash = 0;
        try {
          changed_hash = hashOf(changed);
        } catch (const snn::ScenarioError& e) {
          refused = e.field();
        }
        if (refused.empty()) {
          CHECK(changed_hash == hashOf(base));
        } else {
          CHECK(k.rule != nullptr);
          CHECK(refused == std::string("constructor.") + k.name);
        }
      }
    }
}

TEST_CASE("catalogue: a required keyword missing is refused at its field", "[catalogue]") {
  for (const snn::ModelInfo& m : snn::models())
    for (const snn::FieldInfo& k : m.keywords) {
      if (k.absent_kind != snn::Absent::Required) continue;
      INFO(m.name << "." << k.name);
      Json s = population(m, baseConstructor(m));
      s["constructor"].erase(k.name);
      try {
        (void)snn::parseScenario(s.dump());
        FAIL("accepted without " << k.name);
      } catch (const snn::ScenarioError& e) {
        CHECK(e.field() == std::string("constructor.") + k.name);
      }
    }
}

TEST_CASE("catalogue: numeric bounds are the parser's", "[catalogue]") {
  for (const snn::ModelInfo& m : snn::models())
    for (const snn::FieldInfo& k : m.keywords) {
      if (k.type != snn::FieldType::Number && k.type != snn::FieldType::PerNeuron) continue;
      for (const snn::Bound* b : {&k.min, &k.max}) {
        if (!b->set) continue;
        INFO(m.name << "." << k.name << (b == &k.min ? " min " : " max ") << b->value);
        const double step = b == &k.min ? -1 : 1;
        const double outside = b->inclusive ? b->value + step * 1e-3 : b->value;
        Json s = population(m, baseConstructor(m));
        s["constructor"][k.name] = outside;
        try {
          (void)snn::parseScenario(s.dump());
          FAIL("accepted " << outside);
        } catch (const snn::ScenarioError& e) {
          CHECK(e.field().find(k.name) != std::string::npos);
        }
      }
    }
}

TEST_CASE("catalogue: every listed keyword is accepted and nothing else is", "[catalogue]") {
  for (const snn::ModelInfo& m : snn::models()) {
    INFO(m.name);
    Json s = population(m, baseConstructor(m));
    s["constructor"]["not_a_keyword"] = 1;
    try {
      (void)snn::parseScenario(s.dump());
      FAIL("accepted an unknown keyword");
    } catch (const snn::ScenarioError& e) {
      std::string list;
      for (const snn::FieldInfo& k : m.keywords) list += (list.empty() ? "" : ", ") + std::string(k.name);
      CHECK_THAT(e.what(), Catch::Matchers::Contains("(accepted: " + list + ")"));
    }
  }
}

TEST_CASE("catalogue: state names are the populations' own", "[catalogue]") {
  for (const snn::ModelInfo& m : snn::models()) {
    INFO(m.name);
    const snn::Scenario s = snn::parseScenario(population(m, baseConstructor(m)).dump());
    const auto layer = snn::makeNeuronLayer(s.neuron, 1, 1);
    REQUIRE(layer->stateNames().size() == m.states.size());
    for (std::size_t i = 0; i < m.states.size(); ++i) CHECK(layer->stateNames()[i] == m.states[i]);
    CHECK(snn::findModel(m.name) == &m);
    for (const char* alias : m.aliases) CHECK(snn::findModel(alias) == &m);
  }
}

TEST_CASE("catalogue: generator defaults written out give the same input", "[catalogue]") {
  // For each generator, a body with its required fields; then each field with a default given explicitly.
  const Json bodies = {
      {"constant", {{"value", 0.4}}},
      {"step", {{"amplitude", 0.4}, {"start", 3}}},
      {"periodic", {{"period", 4}, {"amplitude", 0.7}}},
      {"sine", {{"amplitude", 0.6}, {"period", 7.5}}},
      {"ramp", {{"to", 0.9}, {"from", {{"uniform", {0, 0.3}}}}}},
      {"noise", {{"high", 0.5}}},
      {"rate", {{"p", 0.4}}},
      {"latency", {{"values", Json::array({0.2, 0.5, 0.9})}, {"tau", 5}}},
      {"delta", {{"of", {{"step", {{"amplitude", 0.5}, {"start", 10}}}}}}},
  };
  for (const snn::GeneratorInfo& g : snn::generators()) {
    if (!bodies.contains(g.name)) continue;
    for (const snn::FieldInfo& f : g.fields) {
      if (f.absent_kind != snn::Absent::Default || bodies[g.name].contains(f.name)) continue;
      INFO(g.name << "." << f.name << " = " << f.default_json);
      Json leaky = {{"model", "Leaky"}, {"constructor", {{"beta", 0.8}}}, {"num_steps", 40}, {"num_neurons", 3}, {"seed", 5},
                    {"input", {{g.name, bodies[g.name]}}}};
      const std::vector<float> plain = snn::runScenarioJson(leaky.dump()).input.data;
      leaky["input"][g.name][f.name] = Json::parse(f.default_json);
      CHECK(snn::runScenarioJson(leaky.dump()).input.data == plain);
    }
  }
}

TEST_CASE("catalogue: a resolved scenario runs to the same bits, and resolving again changes nothing", "[catalogue]") {
  std::vector<Json> set;
  for (const char* file : {"lapicque.json", "leaky.json", "synaptic.json", "alpha.json", "legacy_v0_2.json", "network.json"}) {
    const Json& doc = snn::test::goldenFile(file);
    for (const Json& e : doc.contains("networks") ? doc.at("networks") : doc.at("scenarios")) set.push_back(e);
  }
  // Generators with random draws, nested ones, drawn weights, Lapicque derived from beta.
  set.push_back(Json::parse(R"({"model": "Alpha", "constructor": {"alpha": 0.8, "beta": 0.7}, "num_steps": 60, "seed": 3,
      "input": {"sum": [{"noise": {"high": 0.2}}, {"rate": {"p": {"uniform": [0, 1]}}}, {"periodic": {"period": 9}}]}})"));
  set.push_back(Json::parse(R"({"model": "Lapicque", "constructor": {"beta": 0.819}, "num_steps": 50,
      "input": {"pulses": [{"start": 3, "width": 4, "amplitude": 0.9}, {"start": 20}]}})"));
  set.push_back(Json::parse(R"({"layers": [{"type": "Linear", "in": 12, "out": 8}, {"type": "Synaptic", "alpha": 0.6, "beta": 0.9},
      {"type": "Linear", "in": 8, "out": 3, "bias": false}, {"type": "Leaky", "beta": 0.8}], "num_steps": 30, "batch_size": 2,
      "seed": 11, "input": {"rate": {"values": {"uniform": [0, 0.6]}, "gain": 1.5}}})"));
  set.push_back(Json::parse(R"({"model": "Synaptic", "constructor": {"alpha": 0.8, "beta": 0.9}, "num_steps": 80, "num_neurons": 2,
      "input": {"sum": [{"sine": {"amplitude": [0.4, 0.6], "period": 12.5, "start": 5}}, {"ramp": {"to": 0.3, "start": 10}}]}})"));
  set.push_back(Json::parse(R"({"model": "Leaky", "constructor": {"beta": 0.9}, "num_steps": 30, "num_neurons": 4, "seed": 2,
      "input": {"delta": {"of": {"rate": {"of": {"noise": {}}}}, "off_spike": true}}})"));
  for (const Json& s : set) {
    INFO(s.value("name", s.dump().substr(0, 120)));
    const std::string resolved = snn::resolveScenario(s.dump());
    CHECK(snn::traceHash(snn::runScenarioJson(resolved)) == snn::traceHash(snn::runScenarioJson(s.dump())));
    CHECK(snn::resolveScenario(resolved) == resolved);
    const Json r = Json::parse(resolved);
    // Every forward keyword with a default is written out.
    if (r.contains("model")) {
      const snn::ModelInfo* m = snn::findModel(r.at("model").get<std::string>());
      REQUIRE(m != nullptr);
      CHECK(r.at("model") == m->name);
      for (const snn::FieldInfo& k : m->keywords)
        if (k.forward && k.absent_kind == snn::Absent::Default) CHECK(r.at("constructor").contains(k.name));
      for (const char* state : m->states) CHECK(r.at("init").contains(state));
    }
  }
}

TEST_CASE("catalogue: the JSON lists every model, generator and error kind", "[catalogue]") {
  const Json c = Json::parse(snn::catalogueJson());
  CHECK(c.at("models").size() == snn::models().size());
  CHECK(c.at("generators").size() == snn::generators().size());
  CHECK(c.at("error_kinds").size() == snn::errorKinds().size());
  for (const Json& m : c.at("models"))
    for (const Json& k : m.at("keywords")) {
      // A default in the JSON is JSON itself (the parser reads the same text).
      if (k.contains("default")) CHECK_FALSE(k.at("default").is_discarded());
      CHECK(k.contains("meaning"));
    }
}

TEST_CASE("catalogue: the parser cannot read a keyword the catalogue does not describe", "[catalogue]") {
  // What makes a keyword added to the parser alone fail every test that reaches it.
  const Json kw = {{"beta", 0.8}};
  snn::detail::Fields f(kw, "constructor", snn::findModel("Leaky")->keywords, nullptr);
  CHECK_NOTHROW(f.get("beta"));
  CHECK_THROWS_AS(f.get("a_new_keyword"), std::logic_error);
  CHECK_THROWS_WITH(f.given("a_new_keyword"), Catch::Matchers::Contains("add it to core/src/catalogue.cpp"));
  // And an object with a key the catalogue does not list is refused, naming what is accepted.
  const Json extra = {{"beta", 0.8}, {"a_new_keyword", 1}};
  CHECK_THROWS_AS(snn::detail::Fields(extra, "constructor", snn::findModel("Leaky")->keywords, nullptr), snn::ScenarioError);
}
