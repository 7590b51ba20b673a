/** Snapshot builders shared by the alignment rule tests: only the fields a case varies are given. */
import type { SenderAlignment } from "../../../src/alignment/types.js";
import { emptySnapshot } from "../../helpers/rule-tester.js";

/** An identifier (return-path or d= domain) compared with the From domain. */
export const id = (domain: string, aligned: boolean | null, mode: "relaxed" | "strict" = "relaxed") => ({
  domain,
  mode,
  organizationalDomain: aligned === null ? null : domain,
  aligned,
});

export const sender = (s: Partial<SenderAlignment>): SenderAlignment => ({
  name: "ESP",
  fromDomain: "example.com",
  fromOrganizationalDomain: "example.com",
  spf: null,
  dkim: null,
  ips: [],
  ...s,
});

export const snap = (...senders: SenderAlignment[]) => ({ ...emptySnapshot(), alignment: senders });
