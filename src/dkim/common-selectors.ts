/**
 * DKIM selectors worth probing when nobody has said which ones a domain uses. DKIM has no way to list
 * a domain's selectors (RFC 6376 §3.6.2.1 names one only in each signature), so this is a guess, and
 * every report that uses it says so. Each entry is the fixed selector a large mailbox provider or
 * ESP tells its customers to publish, with the page that says it. Providers that give each customer
 * a generated selector (Amazon SES, Postmark, HubSpot) cannot be guessed and are not here. Kept short
 * on purpose: every entry is one more DNS question for every domain checked without selectors.
 */
export interface CommonSelector {
  selector: string;
  /** Who publishes it, and the page that tells customers to. */
  source: string;
}

export const COMMON_SELECTORS: readonly CommonSelector[] = [
  {
    selector: "google",
    source: "Google Workspace, default prefix: https://support.google.com/a/answer/174126",
  },
  {
    selector: "selector1",
    source:
      "Microsoft 365: https://learn.microsoft.com/en-us/defender-office-365/email-authentication-dkim-configure",
  },
  {
    selector: "selector2",
    source:
      "Microsoft 365 (the key rotated in): https://learn.microsoft.com/en-us/defender-office-365/email-authentication-dkim-configure",
  },
  {
    selector: "s1",
    source:
      "Twilio SendGrid: https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication",
  },
  {
    selector: "s2",
    source:
      "Twilio SendGrid: https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication",
  },
  { selector: "k1", source: "Mailchimp: https://mailchimp.com/help/set-up-email-domain-authentication/" },
  { selector: "k2", source: "Mailchimp: https://mailchimp.com/help/set-up-email-domain-authentication/" },
  { selector: "k3", source: "Mailchimp: https://mailchimp.com/help/set-up-email-domain-authentication/" },
  {
    selector: "mandrill",
    source:
      "Mailchimp Transactional (Mandrill): https://mailchimp.com/developer/transactional/docs/authentication-delivery/",
  },
  { selector: "fm1", source: "Fastmail: https://www.fastmail.help/hc/en-us/articles/360060591153" },
  { selector: "protonmail", source: "Proton Mail: https://proton.me/support/anti-spoofing-custom-domain" },
  {
    selector: "default",
    source: "cPanel's default: https://docs.cpanel.net/cpanel/email/email-deliverability/",
  },
];

/** The selector names alone, in the order above. */
export const COMMON_SELECTOR_NAMES: readonly string[] = COMMON_SELECTORS.map((s) => s.selector);
