import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { crc32, deflateRawSync, constants as zlibConstants } from "node:zlib";

/** Test material generated at run time (nothing hostile is kept in the repository). */

export interface RecordSpec {
  ip: string;
  count: number;
  dkim: "pass" | "fail";
  spf: "pass" | "fail";
  selector?: string;
}

export interface ReportSpec {
  org: string;
  id: string;
  domain: string;
  begin: number;
  end: number;
  records: RecordSpec[];
  dmarc2?: boolean;
}

/**
 * The `i`th of a set of reports for two domains (a.example, b.example every third) from four
 * reporters over five days, whose sources, verdicts and DKIM selectors recur from report to report,
 * so that any two slices of the set share sources and kinds of record. `start`: the first day's start.
 */
export function mixedReportXml(i: number, start: number): string {
  return reportXml({
    org: `rep${i % 4}.example`,
    id: `id-${i}`,
    domain: i % 3 === 0 ? "b.example" : "a.example",
    begin: start + (i % 5) * 86_400,
    end: start + (i % 5) * 86_400 + 86_399,
    dmarc2: i % 2 === 0,
    records: Array.from({ length: 1 + (i % 7) }, (_, j) => ({
      ip: `192.0.2.${(i * 7 + j) % 40}`,
      count: 1 + ((i + j) % 9),
      dkim: (i + j) % 4 === 0 ? ("fail" as const) : ("pass" as const),
      spf: (i + j) % 3 === 0 ? ("pass" as const) : ("fail" as const),
      selector: `s${j % 3}`,
    })),
  });
}

export function reportXml(spec: ReportSpec): string {
  const records = spec.records
    .map(
      (
        r,
      ) => `<record><row><source_ip>${r.ip}</source_ip><count>${r.count}</count><policy_evaluated><disposition>none</disposition>
<dkim>${r.dkim}</dkim><spf>${r.spf}</spf></policy_evaluated></row><identifiers><header_from>${spec.domain}</header_from></identifiers>
<auth_results><dkim><domain>${spec.domain}</domain><selector>${r.selector ?? "s1"}</selector><result>${r.dkim}</result></dkim>
<spf><domain>${spec.domain}</domain><result>${r.spf}</result></spf></auth_results></record>`,
    )
    .join("\n");
  const ns = spec.dmarc2 ? ' xmlns="urn:ietf:params:xml:ns:dmarc-2.0"' : "";
  const extra = spec.dmarc2
    ? "<np>reject</np><testing>n</testing><discovery_method>treewalk</discovery_method>"
    : "<pct>100</pct>";
  return `<?xml version="1.0" encoding="UTF-8"?>
<feedback${ns}><version>${spec.dmarc2 ? "2.0" : "1.0"}</version><report_metadata><org_name>${spec.org}</org_name><email>r@${spec.org}</email>
<report_id>${spec.id}</report_id><date_range><begin>${spec.begin}</begin><end>${spec.end}</end></date_range></report_metadata>
<policy_published><domain>${spec.domain}</domain><p>none</p><sp>none</sp>${extra}</policy_published>
${records}
</feedback>
`;
}

interface ZipEntrySpec {
  name: string;
  data: Buffer;
}

/** A minimal PKZIP archive (APPNOTE.TXT §4.3), deflated entries, honest sizes. */
export function zipArchive(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = localHeader(name, crc, compressed.length, entry.data.length, 0);
    locals.push(local, compressed);
    centrals.push(centralHeader(name, crc, compressed.length, entry.data.length, offset, 0));
    offset += local.length + compressed.length;
  }
  const central = Buffer.concat(centrals);
  return Buffer.concat([...locals, central, endOfCentral(entries.length, central.length, offset)]);
}

function localHeader(name: Buffer, crc: number, compressed: number, size: number, flags: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(flags | 0x800, 6);
  h.writeUInt16LE(8, 8);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(compressed, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

function centralHeader(
  name: Buffer,
  crc: number,
  compressed: number,
  size: number,
  offset: number,
  flags: number,
): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(flags | 0x800, 8);
  h.writeUInt16LE(8, 10);
  h.writeUInt32LE(crc, 16);
  h.writeUInt32LE(compressed, 20);
  h.writeUInt32LE(size, 24);
  h.writeUInt16LE(name.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, name]);
}

function endOfCentral(count: number, size: number, offset: number): Buffer {
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(count, 8);
  e.writeUInt16LE(count, 10);
  e.writeUInt32LE(size, 12);
  e.writeUInt32LE(offset, 16);
  return e;
}

/**
 * Writes a zip whose one entry inflates to `bytes` zeros, streamed (never held in memory). With
 * `declaredBytes` the headers lie about the inflated size, as a bomb that dodges size checks would.
 */
export async function writeZipBomb(path: string, bytes: number, declaredBytes = bytes): Promise<void> {
  const out = createWriteStream(path);
  const name = Buffer.from("bomb.xml");
  const local = localHeader(name, 0, 0, 0, 0x08); // sizes follow in a data descriptor (§4.3.9)
  out.write(local);
  const bomb = repeatedDeflate(Buffer.alloc(0), Buffer.alloc(BOMB_CHUNK), bytes / BOMB_CHUNK);
  let compressed = 0;
  for (const chunk of bomb.chunks) {
    compressed += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  }
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(bomb.crc, 4);
  descriptor.writeUInt32LE(compressed, 8);
  descriptor.writeUInt32LE(declaredBytes, 12);
  out.write(descriptor);
  const central = centralHeader(name, bomb.crc, compressed, declaredBytes, 0, 0x08);
  out.write(central);
  out.end(endOfCentral(1, central.length, local.length + compressed + 16));
  await once(out, "finish");
}

/** Bombs are built from 1 MiB pieces; their sizes are whole multiples of it. */
const BOMB_CHUNK = 1024 * 1024;

/**
 * A raw DEFLATE stream (RFC 1951) that inflates to `head` followed by `times` copies of `piece`,
 * built without deflating all of it: `piece` is deflated once, ending in a full flush (byte-aligned,
 * no reference back past it), and that output repeated, then a final empty block. A real, valid
 * stream of any inflated size for the cost of one piece (a gigabyte deflated at level 9 took seconds
 * per bomb). The CRC-32 of the inflated data comes along for the zip and gzip trailers.
 */
function repeatedDeflate(head: Buffer, piece: Buffer, times: number): { chunks: Buffer[]; crc: number } {
  if (!Number.isInteger(times) || times < 1) throw new Error(`a whole number of pieces, got ${times}`);
  const flushed = { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH };
  const repeated = deflateRawSync(piece, flushed);
  let crc = crc32(head);
  for (let i = 0; i < times; i++) crc = crc32(piece, crc);
  return {
    chunks: [deflateRawSync(head, flushed), ...Array(times).fill(repeated), deflateRawSync(Buffer.alloc(0))],
    crc,
  };
}

export function reportEmail(attachmentName: string, content: Buffer, contentType: string): string {
  const body = content.toString("base64").replace(/.{76}/g, "$&\r\n");
  return [
    "From: dmarc@reporter.example",
    "To: rua@example.test",
    "Subject: Report domain: example.test",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="b1"',
    "",
    "--b1",
    "Content-Type: text/plain",
    "",
    "This is a DMARC aggregate report.",
    "--b1",
    `Content-Type: ${contentType}; name="${attachmentName}"`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment; filename="${attachmentName}"`,
    "",
    body,
    "--b1--",
    "",
  ].join("\r\n");
}

/**
 * Writes a gzip stream (RFC 1952) that inflates to an XML prolog and `bytes` of spaces (about 1 MB per
 * GiB): it sniffs as a report, so only the output limit can stop it. Header, the repeated DEFLATE
 * stream, then CRC-32 and size: a valid gzip file, built in well under a second.
 */
export async function writeGzipBomb(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<feedback>');
  const bomb = repeatedDeflate(head, Buffer.alloc(BOMB_CHUNK, 0x20), bytes / BOMB_CHUNK);
  // ID1 ID2, CM=8 (deflate), no flags, no mtime, XFL=2 (best compression), OS=3 (Unix).
  out.write(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]));
  for (const chunk of bomb.chunks) if (!out.write(chunk)) await once(out, "drain");
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(bomb.crc, 0);
  trailer.writeUInt32LE((head.length + bytes) % 2 ** 32, 4); // ISIZE: the size modulo 2^32
  out.end(trailer);
  await once(out, "finish");
}
