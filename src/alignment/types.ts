/**
 * How each sender declared in the config lines up with the audited From domain (DMARC identifier
 * alignment, RFC 7489 §3.1 / RFC 9989 §4.4) and whether its IPs pass SPF. Plain data for the
 * `alignment/*` rules.
 */
import type { SpfResult } from "../spf/check-host.js";

export type AlignmentModeName = "relaxed" | "strict";

/** A service that sends mail as the domain; checked for SPF/DKIM alignment. */
export interface DeclaredSender {
  name: string;
  /** The envelope sender (Return-Path) domain the service uses. */
  returnPath?: string;
  /** The d= domain the service signs with. */
  dkimDomain?: string;
  /** Addresses the service sends from: each is evaluated with check_host at `returnPath`. */
  ips?: string[];
}

export interface IdentifierAlignment {
  /** The authenticated domain (return-path domain for SPF, d= for DKIM). */
  domain: string;
  mode: AlignmentModeName;
  /** Its organizational domain by the RFC 9989 tree walk; null when DNS failed. */
  organizationalDomain: string | null;
  /** null: could not tell (the tree walk failed). */
  aligned: boolean | null;
}

export interface IpEvaluation {
  ip: string;
  /** The domain check_host evaluated (the return-path domain). */
  domain: string;
  result: SpfResult;
  explanation: string | null;
}

export interface SenderAlignment {
  name: string;
  /** The audited domain, which the sender puts in From. */
  fromDomain: string;
  fromOrganizationalDomain: string | null;
  /** null when the sender declares no return-path domain. */
  spf: IdentifierAlignment | null;
  /** null when the sender declares no DKIM signing domain. */
  dkim: IdentifierAlignment | null;
  ips: IpEvaluation[];
}
