/** A rate kept as numerator and denominator; percentages are derived, never stored alone. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

export const ratio = (numerator: number, denominator: number): Ratio => ({ numerator, denominator });

/** Percentage rounded to `digits` decimals; null when the denominator is 0 (nothing to measure). */
export function percent(r: Ratio, digits = 1): number | null {
  if (r.denominator === 0) return null;
  const factor = 10 ** digits;
  return Math.round((r.numerator / r.denominator) * 100 * factor) / factor;
}

/** numerator / denominator as a fraction; null when the denominator is 0. */
export const fraction = (r: Ratio): number | null => (r.denominator === 0 ? null : r.numerator / r.denominator);
