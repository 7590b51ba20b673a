/**
 * The wire codec choice (README, "Dependency notes"): dns-packet against dns2's codec (the one
 * already here for test servers) on the messages mailaudit reads most, decode and encode, µs per
 * message, after a warm-up. Also checks what each keeps of a TXT string that is not UTF-8.
 *
 * usage: node bench/dns-codec.js [iterations]
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const packet = require("dns-packet");
const dns2 = require("dns2");

const iterations = Number(process.argv[2] ?? 50_000);
const key = `v=DKIM1; k=rsa; p=${"A".repeat(392)}`; // an RSA-2048 key record's length
const OPT = { type: "OPT", name: ".", udpPayloadSize: 1232 };
const messages = {
  "DKIM key behind a CNAME": packet.encode({
    type: "response",
    id: 4242,
    flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE,
    questions: [{ type: "TXT", name: "s2._domainkey.brand00001.test" }],
    answers: [
      { type: "CNAME", name: "s2._domainkey.brand00001.test", ttl: 300, data: "k1.dkim.esp-sendgrid.test" },
      { type: "TXT", name: "k1.dkim.esp-sendgrid.test", ttl: 300, data: [key.slice(0, 255), key.slice(255)] },
    ],
    additionals: [OPT],
  }),
  "SPF record": packet.encode({
    type: "response",
    id: 4242,
    flags: packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE,
    questions: [{ type: "TXT", name: "brand00001.test" }],
    answers: [
      {
        type: "TXT",
        name: "brand00001.test",
        ttl: 300,
        data: ["v=spf1 mx include:_spf.esp-google.test include:sendgrid.esp-sendgrid.test -all"],
      },
    ],
    additionals: [OPT],
  }),
};

function microseconds(fn) {
  for (let i = 0; i < 5000; i++) fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - started) / iterations / 1000;
}

const rows = [];
for (const [what, bytes] of Object.entries(messages)) {
  rows.push([
    `decode ${what} (${bytes.length} octets)`,
    microseconds(() => packet.decode(bytes)),
    microseconds(() => dns2.Packet.parse(bytes)),
  ]);
}
rows.push([
  "encode a TXT query with EDNS0",
  microseconds(() =>
    packet.encode({
      type: "query",
      id: 1,
      flags: packet.RECURSION_DESIRED,
      questions: [{ type: "TXT", name: "s2._domainkey.brand00001.test" }],
      additionals: [OPT],
    }),
  ),
  microseconds(() => {
    const query = new dns2.Packet();
    query.header.id = 1;
    query.header.rd = 1;
    query.questions.push({ name: "s2._domainkey.brand00001.test", type: 16, class: 1 });
    return query.toBuffer();
  }),
]);
for (const [what, a, b] of rows)
  console.log(`${what}: dns-packet ${a.toFixed(1)} µs, dns2 ${b.toFixed(1)} µs`);

const latin1 = Buffer.from([0x76, 0x3d, 0xe9, 0xff]); // "v=" and two octets that are not UTF-8
const txt = packet.encode({
  type: "response",
  id: 1,
  questions: [{ type: "TXT", name: "x.test" }],
  answers: [{ type: "TXT", name: "x.test", data: [latin1] }],
});
const viaPacket = packet.decode(txt).answers[0].data[0];
const viaDns2 = Buffer.from(dns2.Packet.parse(txt).answers[0].data[0], "utf8");
console.log(`TXT octets e9 ff kept: dns-packet ${viaPacket.equals(latin1)}, dns2 ${viaDns2.equals(latin1)}`);
