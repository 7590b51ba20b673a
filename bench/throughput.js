/**
 * Raw DNS throughput of one client transport against a loopback server: `count` TXT questions
 * (cycling through `names`) with `concurrency` in flight, no cache. Prints queries per second.
 * Transports as in floor-client.js: `node` (node:dns) or `mailaudit` (its own client, from dist/).
 *
 * usage: node throughput.js <server ip:port> <node|mailaudit> <count> <concurrency> <names.json>
 */
import { Resolver } from "node:dns/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [server, transport, countArg, concurrencyArg, namesFile] = process.argv.slice(2);
const names = JSON.parse(readFileSync(namesFile, "utf8"));
const count = Number(countArg);

let ask;
if (transport === "mailaudit") {
  const url = pathToFileURL(join(import.meta.dirname, "..", "dist", "src", "dns", "system-resolver.js"));
  const { SystemResolver } = await import(url.href);
  // The cap at the concurrency, so both clients have the same number in flight.
  const resolver = new SystemResolver({ servers: [server], timeoutMs: 5000, tries: 2, maxInFlight: 1024 });
  ask = async (name) => (await resolver.query(name, "TXT")).kind !== "temperror";
} else {
  const resolver = new Resolver({ timeout: 5000, tries: 2, maxTimeout: 5000 });
  resolver.setServers([server]);
  ask = (name) =>
    resolver.resolveTxt(name).then(
      () => true,
      (error) => error.code === "ENOTFOUND" || error.code === "ENODATA",
    );
}

let next = 0;
let failures = 0;
const worker = async () => {
  while (next < count) {
    const name = names[next++ % names.length];
    if (!(await ask(name))) failures++;
  }
};
const started = performance.now();
await Promise.all(Array.from({ length: Number(concurrencyArg) }, worker));
const seconds = (performance.now() - started) / 1000;
process.stdout.write(JSON.stringify({ transport, count, failures, qps: count / seconds }));
