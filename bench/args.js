/** The bench's command line: small, strict, with defaults that finish in a few minutes on 2 cores. */
const DEFAULTS = {
  domains: 500,
  rounds: 3,
  startupRuns: 15,
  smallReports: 3000,
  bigMb: 100,
  imapMails: 10000,
  only: "audit,startup,ingest,zones,imap,html",
  peers: true,
  write: true,
  build: true,
};

const USAGE = `usage: npm run bench -- [--domains N] [--rounds N] [--startup-runs N] [--small-reports N]
                          [--big-mb N] [--imap-mails N] [--only audit,startup,ingest,zones,imap,html] [--no-peers]
                          [--no-write] [--no-build]`;

export function parseArgs(argv) {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    const count = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} ${v}: not a positive integer`);
      return n;
    };
    switch (flag) {
      case "--domains":
        options.domains = count();
        break;
      case "--rounds":
        options.rounds = count();
        break;
      case "--startup-runs":
        options.startupRuns = count();
        break;
      case "--small-reports":
        options.smallReports = count();
        break;
      case "--big-mb":
        options.bigMb = count();
        break;
      case "--imap-mails":
        options.imapMails = count();
        break;
      case "--only":
        options.only = value();
        break;
      case "--no-peers":
        options.peers = false;
        break;
      case "--no-write":
        options.write = false;
        break;
      case "--no-build":
        options.build = false;
        break;
      case "-h":
      case "--help":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  const sections = options.only.split(",");
  for (const s of sections)
    if (!["audit", "startup", "ingest", "zones", "imap", "html"].includes(s))
      throw new Error(`--only ${s}: not a section`);
  options.sections = new Set(sections);
  return options;
}
