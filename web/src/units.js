// A value shown in a larger or smaller unit: 5e7 Ω as 50 MΩ, a time step of 0.001 s as 1 ms. The decimal point
// moves in the number's text, never by a multiplication, so that 50 MΩ read back is exactly 5e7 again (a
// product such as 50 * 1e6 can round), and a link or an export carries the value the core was given.

// `value` × 10^exponent, as the nearest double to that decimal (what typing the shifted number gives).
export function shiftDecimal(value, exponent) {
  if (!Number.isFinite(value) || !exponent) return value;
  const [mantissa, power = '0'] = String(value).toLowerCase().split('e');
  return Number(`${mantissa}e${Number(power) + exponent}`);
}
