/**
 * Raw DNS throughput of one client transport against a loopback server: `count` TXT questions
 * (cycling through `names`) with `concurrency` in flight, no cache. Prints queries per second.
 * Transports as in floor-client.js: `node` (node:dns) or `mailaudit` (its own client, from dist/).
 * With `warmup`, that many questions are asked first and timed apart (`coldQps`): a fresh process
 * runs a JavaScript client in V8's interpreter until it is optimized, while node:dns works in C++
 * from the start, so the first few thousand questions measure warming up, not the sustained rate.
 *
 * usage: node throughput.js <server ip:port> <node|mailaudit> <count> <concurrency> <names.json> [warmup]
 */
import { Resolver } from "node:dns/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [server, transport, countArg, concurrencyArg, namesFile, warmupArg] = process.argv.slice(2);
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
/** Asks `n` questions, `concurrencyArg` at a time; returns queries per second. */
async function askMany(n) {
  const end = next + n;
  const worker = async () => {
    while (next < end) {
      const name = names[next++ % names.length];
      if (!(await ask(name))) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(concurrencyArg) }, worker));
  return n / ((performance.now() - started) / 1000);
}
const warmup = Number(warmupArg ?? 0);
const coldQps = warmup > 0 ? await askMany(warmup) : undefined;
const qps = await askMany(count);
process.stdout.write(JSON.stringify({ transport, count, warmup, failures, qps, coldQps }));
