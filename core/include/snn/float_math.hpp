// The few transcendental functions the core derives its constants with, in float32 and with the same bits
// on every platform (native x86-64, WebAssembly). None of them is ever called inside a step loop.
#pragma once

namespace snn {

// Natural log, bit for bit what torch.log returns for a float32 tensor on x86-64 (torch 1.13, AVX2
// kernels): SLEEF's 1-ulp logf (Sleef_logf8_u10, the xlogf_u1 algorithm in its FMA build). It is not
// the correctly rounded log: about 1 % of the arguments in (0, 1) come out one ulp away from it, and
// snnTorch's Alpha tau, Lapicque's R/C and the latency encoder's spike times all use torch.log.
// Special values as torch gives them: log(+-0) = -inf, log(+inf) = +inf, and the quiet NaN 0x7fc00000
// for every negative argument and every NaN.
float logF32(float x);

// exp rounded to float32 through double (correctly rounded for all practical purposes). NOT torch.exp's
// bits: torch evaluates float32 exp with SLEEF's expf too, and that differs from this in the last bit for
// ~9 % of arguments in (-5, 0]. Used only for Lapicque's reported beta (LapicqueConstants::beta_reported),
// which no update, trace or binding reads; make it SLEEF's expf before anything does.
float expF32(float x);

// a*b + c rounded once, as a fused multiply-add instruction computes it, from plain double operations
// (WebAssembly has no FMA instruction and the core is built with -ffp-contract=off).
float fmaF32(float a, float b, float c);

// sin(2π·turns), for the sine input generator: not the C library's sin (WebAssembly has none of its own,
// and no two libms promise the same last bit) but the core's own, from double +, -, * and floor only, so
// that native, WebAssembly and the Python export (web/src/python.js spells the same operations) give the
// same bits. The argument is in turns, so the reduction is exact: a negative argument is negated (and the
// result too), then r = turns - floor(turns) in [0, 1) is folded by the sine's symmetries onto [0, 1/4]
// with exact subtractions (r - 1/2, 1/2 - r), then
// r·P(r²) with P the Taylor series of sin(2πr)/r to r²², evaluated by Horner's rule from its highest term
// (coefficients in sinTurnsCoefficients). Within 4 ulps of the true sine in double; rounded to float32 it
// is the correctly rounded float32 sine for every argument tested (test_float_math.cpp). An exact half
// turn gives +0, never -0.
double sinTurns(double turns);
// The polynomial's coefficients, lowest first: (-1)^k (2π)^(2k+1) / (2k+1)! rounded to double.
inline constexpr int kSinTurnsTerms = 12;
extern const double kSinTurnsCoefficients[kSinTurnsTerms];

}  // namespace snn
