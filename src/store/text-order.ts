/**
 * Both stores compare text bytewise (SQLite's BINARY, PostgreSQL's `COLLATE "C"`): UTF-8 byte order,
 * which is code point order. JavaScript's `<` compares UTF-16 units, which puts U+10000 and above
 * before U+E000–U+FFFF; sorting in JavaScript what a store would have sorted uses this instead.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/**
 * At the first differing UTF-16 unit the strings agree before it, so comparing the units decides
 * unless one is a surrogate: surrogates (U+D800–U+DFFF, halves of U+10000 and above) rank above
 * every other unit, as the code points they encode do.
 */
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
