/**
 * "audited 120/4000 domains" on stderr, rewritten in place, only when stderr is a terminal: CI logs
 * and pipes get nothing (a progress line there is noise). Returns undefined when silent.
 */
export function domainProgress(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return undefined;
  return {
    onDomainDone(done: number, total: number) {
      stream.write(`\r\x1b[Kaudited ${done}/${total} domain${total === 1 ? "" : "s"}`);
    },
    finish() {
      stream.write("\r\x1b[K");
    },
  };
}
