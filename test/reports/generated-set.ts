import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { crc32, createDeflateRaw, createGzip, deflateRawSync } from "node:zlib";

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
  const deflater = createDeflateRaw({ level: 9 });
  let compressed = 0;
  deflater.on("data", (chunk: Buffer) => {
    compressed += chunk.length;
    out.write(chunk);
  });
  const zeros = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let written = 0; written < bytes; written += zeros.length) {
    crc = crc32(zeros, crc);
    if (!deflater.write(zeros)) await once(deflater, "drain");
  }
  deflater.end();
  await once(deflater, "end");
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc, 4);
  descriptor.writeUInt32LE(compressed, 8);
  descriptor.writeUInt32LE(declaredBytes, 12);
  out.write(descriptor);
  const central = centralHeader(name, crc, compressed, declaredBytes, 0, 0x08);
  out.write(central);
  out.end(endOfCentral(1, central.length, local.length + compressed + 16));
  await once(out, "finish");
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
 * Writes a gzip stream that inflates to an XML prolog and `bytes` of spaces (about 1 MB per GiB),
 * streamed: it sniffs as a report, so only the output limit can stop it.
 */
export async function writeGzipBomb(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const gzip = createGzip({ level: 9 });
  gzip.pipe(out);
  gzip.write('<?xml version="1.0" encoding="UTF-8"?>\n<feedback>');
  const zeros = Buffer.alloc(1024 * 1024, 0x20);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!gzip.write(zeros)) await once(gzip, "drain");
  }
  gzip.end();
  await once(out, "finish");
}
