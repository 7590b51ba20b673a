/**
 * The floor for the audit bench: a minimal client that asks a given list of (name, type)
 * questions through node:dns — the same library and settings as mailaudit's SystemResolver — with
 * a fixed number in flight, and does nothing else. Run as a child process, like the CLI.
 *
 * usage: node floor-client.js <server ip:port> <in-flight> <questions.json>
 */
import { Resolver } from "node:dns/promises";
import { readFileSync } from "node:fs";

const [server, inFlightArg, questionsFile] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile, "utf8"));
const resolver = new Resolver({ timeout: 5000, tries: 2, maxTimeout: 5000 });
resolver.setServers([server]);

let next = 0;
let failures = 0;
const worker = async () => {
  while (next < questions.length) {
    const [name, type] = questions[next++];
    try {
      await resolver.resolve(name, type);
    } catch (error) {
      if (error.code !== "ENOTFOUND" && error.code !== "ENODATA") failures++;
    }
  }
};
await Promise.all(Array.from({ length: Number(inFlightArg) }, worker));
process.stdout.write(JSON.stringify({ asked: questions.length, failures }));
