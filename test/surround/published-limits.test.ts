/**
 * The HTTPS and MX limits docs/cli.md and SECURITY.md publish are the ones the code enforces.
 */
import { describe, it } from "vitest";
import { MAX_LOGO_FETCH_BYTES } from "../../src/bimi/collect.js";
import { MAX_SVG_BYTES } from "../../src/bimi/svg-profile.js";
import { buildHttps } from "../../src/cli/build-https.js";
import { MAX_POLICY_BYTES } from "../../src/mta-sts/collect.js";
import { MAX_MX_HOSTS_CHECKED } from "../../src/mx/collect.js";
import { expectPublishedFigures } from "../helpers/doc-figures.js";

/** The fetch deadline a run with these settings gets, in seconds. */
function fetchDeadlineSeconds(timeoutSeconds?: number): number {
  const access = buildHttps(timeoutSeconds === undefined ? {} : { timeoutSeconds }, {}).access;
  if (access.mode !== "live") throw new Error("expected a live HTTPS access");
  return access.timeoutMs / 1000;
}

describe("published HTTPS and MX limits", () => {
  it("fetch deadline, sizes, MX hosts looked up", () => {
    expectPublishedFigures({
      "https.timeoutFactor": fetchDeadlineSeconds(3) / 3,
      "https.timeoutDefault": fetchDeadlineSeconds(),
      "https.policyMaxKiB": MAX_POLICY_BYTES / 1024,
      "https.logoMaxKiB": MAX_LOGO_FETCH_BYTES / 1024,
      "bimi.svgMaxKiB": MAX_SVG_BYTES / 1024,
      "mx.hostsChecked": MAX_MX_HOSTS_CHECKED,
    });
  });
});
