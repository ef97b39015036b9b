/**
 * Printing reals as Kusto (.NET Core's shortest round-trip `double.ToString()`) does: fixed notation for
 * decimal exponents −4..14, else `1E+15` / `1E-05` (at least two exponent digits); `NaN`, `Infinity`.
 */
export function formatReal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (v === 0) return '0'; // -0 prints as 0
  const [mant = '0', expText = '0'] = v.toExponential().split('e');
  const exp = Number(expText);
  if (exp >= -4 && exp < 15) return fixed(v);
  const sign = exp < 0 ? '-' : '+';
  return `${mant}E${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Plain decimal notation of the shortest round-trip digits (JS switches to exponents below 1e-6). */
function fixed(v: number): string {
  const s = String(v);
  if (!s.includes('e')) return s;
  const neg = v < 0;
  const [mant = '0', expText = '0'] = Math.abs(v).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  const out = exp < 0 ? '0.' + '0'.repeat(-exp - 1) + digits : digits.padEnd(exp + 1, '0');
  return (neg ? '-' : '') + out;
}
