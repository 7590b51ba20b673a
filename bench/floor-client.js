/**
 * The floor for the audit bench: a minimal client that asks a given list of (name, type)
 * questions with a fixed number in flight, and does nothing else. Run as a child process, like the
 * CLI. Two transports: `node` (node:dns, c-ares, the library mailaudit used before its own client)
 * and `mailaudit` (mailaudit's DNS client alone, `SystemResolver` from dist/, without the audit).
 * The audit's floor is the faster of the two.
 *
 * usage: node floor-client.js <server ip:port> <in-flight> <questions.json> [node|mailaudit]
 */
import { Resolver } from "node:dns/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [server, inFlightArg, questionsFile, transport = "node"] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile, "utf8"));

/** One question → "ok" | "negative" | "failed". */
async function makeAsk() {
  if (transport === "mailaudit") {
    const url = pathToFileURL(join(import.meta.dirname, "..", "dist", "src", "dns", "system-resolver.js"));
    const { SystemResolver } = await import(url.href);
    const resolver = new SystemResolver({ servers: [server], timeoutMs: 5000, tries: 2 });
    return async (name, type) => {
      const answer = await resolver.query(name, type);
      return answer.kind === "temperror" ? "failed" : answer.kind === "ok" ? "ok" : "negative";
    };
  }
  const resolver = new Resolver({ timeout: 5000, tries: 2, maxTimeout: 5000 });
  resolver.setServers([server]);
  return async (name, type) => {
    try {
      await resolver.resolve(name, type);
      return "ok";
    } catch (error) {
      return error.code === "ENOTFOUND" || error.code === "ENODATA" ? "negative" : "failed";
    }
  };
}

const ask = await makeAsk();
let next = 0;
let failures = 0;
const worker = async () => {
  while (next < questions.length) {
    const [name, type] = questions[next++];
    if ((await ask(name, type)) === "failed") failures++;
  }
};
await Promise.all(Array.from({ length: Number(inFlightArg) }, worker));
process.stdout.write(JSON.stringify({ transport, asked: questions.length, failures }));
