// What the core's catalogue (snn.catalogue(), wasm/index.d.ts `Catalogue`) says about a place in a Scenario:
// the keyword or generator field a figure control's path points at, so that the page takes its type, label,
// choices and defaults from the core instead of restating them.

// The catalogue's entry for a model by name or old name.
export function modelEntry(catalogue, name) {
  return catalogue.models.find((m) => m.name === name || (m.aliases || []).includes(name)) || null;
}

/**
 * The field a Scenario path names, or null: 'constructor.<keyword>' (the model's keyword),
 * 'layers.<i>.<keyword>' (that layer's model), 'input.<generator>.<field>' (a generator's field, also one
 * nested in a rate or delta encoder's `of`), or a top-level Scenario field ('seed', 'spike_timing', ...).
 */
export function fieldAt(catalogue, scenario, path) {
  const keys = path.split('.');
  if (keys[0] === 'constructor' && keys.length === 2) {
    const model = modelEntry(catalogue, scenario.model);
    return model ? model.keywords.find((k) => k.name === keys[1]) || null : null;
  }
  if (keys[0] === 'layers' && keys.length === 3) {
    const layer = Array.isArray(scenario.layers) ? scenario.layers[Number(keys[1])] : null;
    const model = layer ? modelEntry(catalogue, layer.type) : null;
    return model ? model.keywords.find((k) => k.name === keys[2]) || null : null;
  }
  if (keys[0] === 'input' && keys.length >= 3) {
    // The last generator named on the way down owns the field: input.delta.of.sum.0.step.amplitude → step.
    let generator = null;
    for (let i = 1; i < keys.length - 1; i++) {
      const g = catalogue.generators.find((entry) => entry.name === keys[i]);
      if (g) generator = g;
    }
    const name = keys[keys.length - 1];
    return generator ? generator.fields.find((f) => f.name === name) || null : null;
  }
  if (keys.length === 1) return catalogue.scenario.find((f) => f.name === keys[0]) || null;
  return null;
}

// A field's label as a control's label: the catalogue writes them in lower case ("threshold θ").
export function labelOf(field) {
  const text = field && field.label;
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}
