/**
 * XML 1.0 §2.8 puts the XML declaration at the very start of a document; some reporters send a space
 * or a line break before it, which a conforming parser refuses ("an XML declaration must be at the
 * start"). The data is intact and the defect cosmetic, so that white space is dropped, and counted
 * in `dropped.count` for the note the caller gives. Anything else passes through unchanged.
 */
export async function* dropSpaceBeforeDeclaration(
  text: AsyncIterable<string>,
  dropped: { count: number },
): AsyncGenerator<string> {
  let head = "";
  let started = false;
  for await (const chunk of text) {
    if (started) {
      yield chunk;
      continue;
    }
    head += chunk;
    const start = head.search(/[^ \t\r\n]/);
    // Only white space so far: it may still be followed by a declaration.
    if (start === -1) continue;
    started = true;
    if (start > 0 && head.startsWith("<?xml", start)) {
      dropped.count = start;
      yield head.slice(start);
    } else {
      yield head;
    }
  }
  if (!started && head !== "") yield head;
}
