import { UsageError } from "../errors.js";

/** PLACEHOLDER: replaced by the work that builds this command. */
export async function run(): Promise<number> {
  throw new UsageError("this command is not built yet");
}
