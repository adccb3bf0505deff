/**
 * A Ruby Integer literal's value, read from its text. @ruby/prism's deserialised `IntegerNode.value` is wrong for
 * some values above 2^32 (`2021_06_22_17_08_35` reads as -1493924141n, `2023_01_01_000000` reads right), and
 * 14-digit migration versions are exactly such values. Ruby's forms: `1_000`, `-5`, `0x1f`, `0b101`, `0o17`, `017`, `0d12`.
 */
const PREFIXED = /^(-?)0([xXbBoOdD]?)([0-9a-fA-F_]+)$/;

export function rubyIntegerOf(text: string): bigint | undefined {
  const literal = text.trim();
  if (/^-?[1-9][0-9_]*$|^-?0$/.test(literal)) return BigInt(literal.replace(/_/g, ""));
  const prefixed = PREFIXED.exec(literal);
  if (!prefixed) return undefined;
  const [, sign, kind, digits] = prefixed;
  const base = { x: "0x", b: "0b", o: "0o", "": "0o", d: "" }[kind!.toLowerCase()];
  if (base === undefined) return undefined;
  try {
    const value = BigInt(`${base}${digits!.replace(/_/g, "")}`);
    return sign ? -value : value;
  } catch {
    return undefined; // digits the base does not have (0b12): not an Integer literal Ruby accepts
  }
}
