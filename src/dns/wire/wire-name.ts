/**
 * Domain names inside a received message (RFC 1035 §3.1, §4.1.4): checked once where they are
 * found, turned into a string only when someone reads them. The rules are dns-packet's (its
 * `name.decode`), so a reply reads as it did when dns-packet decoded it (test/dns/wire-reader.test.ts
 * holds the two side by side): labels of up to 63 octets, compression pointers only to octets before
 * where the current run of labels started (so following them always ends), at most 254 octets of
 * labels and their lengths, each label decoded as UTF-8 on its own, joined with dots; the root is ".".
 */

/** Thrown for a name that cannot be read; the section (or the message) holding it is dropped. */
export class MalformedName extends RangeError {}

/** The longest name, counting each label's octets and one for its length: dns-packet's limit. */
const MAX_NAME_OCTETS = 254;

/**
 * Checks the name at `at` and returns where it ends in place (after its last label or its first
 * pointer). Throws `MalformedName` where dns-packet's decoder throws.
 */
export function nameEnd(bytes: Buffer, at: number): number {
  let offset = at;
  let runStart = at;
  let total = 0;
  let end = -1;
  for (;;) {
    if (offset >= bytes.length) throw new MalformedName("name runs past the message");
    const length = bytes[offset] as number;
    if (length === 0) return end === -1 ? offset + 1 : end;
    if ((length & 0xc0) === 0) {
      offset += 1 + length;
      if (offset > bytes.length) throw new MalformedName("label runs past the message");
      total += length + 1;
      if (total > MAX_NAME_OCTETS) throw new MalformedName("name too long");
    } else if ((length & 0xc0) === 0xc0) {
      if (offset + 1 >= bytes.length) throw new MalformedName("pointer runs past the message");
      const target = ((length & 0x3f) << 8) | (bytes[offset + 1] as number);
      if (target >= runStart) throw new MalformedName("pointer not to earlier octets");
      if (end === -1) end = offset + 2;
      offset = target;
      runStart = target;
    } else {
      throw new MalformedName("unknown label type");
    }
  }
}

/** The name at `at`, which `nameEnd` has accepted. */
export function readName(bytes: Buffer, at: number): string {
  let name = "";
  let offset = at;
  for (;;) {
    const length = bytes[offset] as number;
    if (length === 0) return name === "" ? "." : name;
    if ((length & 0xc0) === 0xc0) {
      offset = ((length & 0x3f) << 8) | (bytes[offset + 1] as number);
      continue;
    }
    const label = bytes.toString("utf8", offset + 1, offset + 1 + length);
    name = name === "" ? label : `${name}.${label}`;
    offset += 1 + length;
  }
}
