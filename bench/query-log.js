/**
 * Reads the questions Unbound received from its `log-queries` log: one line per query from a
 * client, UDP and TCP alike ("info: 127.0.0.1 _dmarc.example.test. TXT IN").
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";

const QUERY_LINE = /info: \S+ (\S+) (\S+) IN$/;

export function logSize(path) {
  return statSync(path).size;
}

/** Questions logged after byte `offset`, in order, as [name, type] (name lower-cased, no final dot). */
export function questionsSince(path, offset) {
  const size = statSync(path).size;
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(path, "r");
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  const questions = [];
  for (const line of buffer.toString("utf8").split("\n")) {
    const match = QUERY_LINE.exec(line);
    if (match) questions.push([match[1].toLowerCase().replace(/\.$/, ""), match[2]]);
  }
  return questions;
}

/** The distinct questions of a list, keeping first-seen order. */
export function uniqueQuestions(questions) {
  const seen = new Map();
  for (const [name, type] of questions) seen.set(`${type} ${name}`, [name, type]);
  return [...seen.values()];
}

/** The questions asked more than once, with their counts, most repeated first. */
export function repeatedQuestions(questions, limit = 5) {
  const counts = new Map();
  for (const [name, type] of questions)
    counts.set(`${type} ${name}`, (counts.get(`${type} ${name}`) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, n]) => n > 1)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
}
