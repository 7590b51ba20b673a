/**
 * An input that is not stored, with the reason. Refusals are values the ingest collects and names on
 * stderr (exit 3, docs/cli.md); they are thrown only inside one input's pipeline, never past it.
 */
export class RefusedInput extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "RefusedInput";
  }
}

/**
 * An e-mail none of whose parts holds a report. From files it is refused like any other input; a
 * mailbox leaves such mail where it is and counts it instead (docs/reports.md).
 */
export class NoReportInMessage extends RefusedInput {
  constructor() {
    super("no DMARC report attached to this e-mail");
    this.name = "NoReportInMessage";
  }
}

/** The reason to show for any failure while reading one input: ours verbatim, others by message. */
export function refusalReason(error: unknown): string {
  if (error instanceof RefusedInput) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
