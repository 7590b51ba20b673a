import type { MessageData } from "./types.js";

/** Fills `{name}` placeholders; an unknown name is left visible so a broken template shows in tests. */
export function renderMessage(template: string, data: MessageData): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = data[key];
    return value === undefined ? whole : String(value);
  });
}
