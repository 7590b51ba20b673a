/**
 * A real Dovecot (Debian's `dovecot-imapd`) for the IMAP tests and the bench: its own config,
 * base_dir and state in a temp folder, a passwd-file user, a Maildir, IMAPS and IMAP+STARTTLS on free
 * loopback ports, and a server certificate from a test CA made at start-up (openssl CLI).
 *
 * Privileges: Dovecot's login processes refuse to run as root, and its mail processes refuse uid 0.
 * As root (CI) the login processes run as Debian's `dovenull` and the mail as `dovecot`; as anyone
 * else every process runs as that user, which Dovecot allows when it is not started as root.
 *
 * This file imports nothing but Node's own modules, so the bench (plain JS) can load it through
 * Node's type stripping; the caller passes its own free-port helper.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface DovecotOptions {
  freePort(): Promise<number>;
  /** false: no TLS at all, so the server offers no STARTTLS (for the `imap://` refusal). */
  tls?: boolean;
  /**
   * Adds Dovecot's oauth2 passdb, asking this RFC 7662 introspection URL. Only XOAUTH2 is offered
   * (as Microsoft 365 does): imapflow would pick OAUTHBEARER when a server offers both.
   */
  oauth2IntrospectionUrl?: string;
}

export interface Dovecot {
  readonly dir: string;
  readonly host: "127.0.0.1";
  /** IMAP with STARTTLS (when TLS is on). */
  readonly imapPort: number;
  readonly imapsPort: number;
  /** The test CA that signed the server's certificate (for `--imap-ca`). */
  readonly caFile: string;
  readonly user: string;
  readonly password: string;
  /** The user's Maildir (INBOX); other folders are `.<name>` inside it (Maildir++). */
  readonly maildir: string;
  /** `imaps://dmarc@127.0.0.1:<port>/<folder>` (or `imap://` on the STARTTLS port). */
  url(folder?: string, scheme?: "imaps" | "imap"): string;
  /** Stops the server (the folder and mail stay), e.g. to cut a running client off. */
  stop(): Promise<void>;
  /** Starts it again on the same ports and mail. */
  start(): Promise<void>;
  /** Runs `doveadm` against this instance (e.g. `mailbox update --uid-validity`). */
  doveadm(args: string[]): string;
  /** Stops it and removes everything. */
  close(): Promise<void>;
  output(): string;
}

const USER = "dmarc";
const PASSWORD = "correct horse battery staple";

/** Whether Debian's Dovecot is installed here (tests skip with a notice, or fail under CI, without it). */
export function dovecotPath(): string | undefined {
  for (const candidate of ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A self-signed CA (certificate and key) in `dir`, named `<name>.crt` / `<name>.key`. */
export function makeTestCa(dir: string, name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  openssl(
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
    ["-keyout", key, "-out", cert, "-days", "2", "-subj", `/CN=mailaudit ${name}`],
  );
  return { cert, key };
}

function openssl(head: string[], tail: string[]): void {
  execFileSync("openssl", [...head, ...tail], { stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * A server certificate signed by `ca`, in `dir` as `<name>.crt` / `<name>.key`, for the names of
 * `subjectAltName` (openssl syntax; default: 127.0.0.1 and localhost). Also used by the HTTPS test server.
 */
export function makeServerCert(
  dir: string,
  ca: { cert: string; key: string },
  subjectAltName = "IP:127.0.0.1,DNS:localhost",
  name = "server",
): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const ext = join(dir, `${name}.ext`);
  openssl(
    ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
    ["-keyout", key, "-out", csr, "-subj", `/CN=mailaudit ${name}`],
  );
  writeFileSync(ext, `subjectAltName=${subjectAltName}\n`);
  openssl(
    ["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial"],
    ["-out", cert, "-days", "2", "-extfile", ext],
  );
  return { cert, key };
}

interface Identity {
  root: boolean;
  internalUser: string;
  internalGroup: string;
  loginUser: string;
  mailUid: number;
  mailGid: number;
}

function identity(): Identity {
  const id = (args: string[]) => execFileSync("id", args, { encoding: "utf8" }).trim();
  if (process.getuid?.() === 0) {
    return {
      root: true,
      internalUser: "dovecot",
      internalGroup: id(["-gn", "dovecot"]),
      loginUser: "dovenull",
      mailUid: Number(id(["-u", "dovecot"])),
      mailGid: Number(id(["-g", "dovecot"])),
    };
  }
  const user = id(["-un"]);
  return {
    root: false,
    internalUser: user,
    internalGroup: id(["-gn"]),
    loginUser: user,
    mailUid: Number(id(["-u"])),
    mailGid: Number(id(["-g"])),
  };
}

function config(dir: string, ports: { imap: number; imaps: number }, who: Identity, options: DovecotOptions) {
  const tls = options.tls !== false;
  const oauth2 = options.oauth2IntrospectionUrl !== undefined;
  if (oauth2) {
    writeFileSync(
      join(dir, "oauth2.conf.ext"),
      [
        `introspection_url = ${options.oauth2IntrospectionUrl}`,
        "introspection_mode = post",
        "force_introspection = yes",
        "username_attribute = username",
        "active_attribute = active",
        "active_value = true",
        "",
      ].join("\n"),
    );
  }
  return `# mailaudit test instance: nothing here is read from /etc/dovecot
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = mailaudit-${ports.imap}
log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
ssl = ${tls ? "yes" : "no"}
${tls ? `ssl_cert = <${dir}/server.crt\nssl_key = <${dir}/server.key` : ""}
disable_plaintext_auth = ${tls ? "yes" : "no"}
default_internal_user = ${who.internalUser}
default_internal_group = ${who.internalGroup}
default_login_user = ${who.loginUser}
first_valid_uid = ${who.mailUid}
last_valid_uid = ${who.mailUid}
first_valid_gid = ${who.mailGid}
mail_location = maildir:${dir}/mail/%u
mailbox_idle_check_interval = 1 secs
${who.root ? "" : "service anvil {\n  chroot =\n}"}
auth_mechanisms = plain login${oauth2 ? " xoauth2" : ""}
${
  oauth2
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${dir}/oauth2.conf.ext
}`
    : ""
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${who.mailUid} gid=${who.mailGid} home=${dir}/home/%u
}
service imap-login {
  # The default chroot needs root; as a normal user there is none to take.
  ${who.root ? "" : "chroot ="}
  inet_listener imap {
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = ${tls ? ports.imaps : 0}
    ssl = yes
  }
}
`;
}

/** Resolves once the server greets on `port`, rejects with its log if it exits or stays silent. */
async function waitForGreeting(port: number, exited: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`dovecot exited during start-up:\n${log()}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.once("data", (data) => done(data.toString("latin1").startsWith("* OK")));
      socket.once("error", () => done(false));
      socket.setTimeout(1000, () => done(false));
    });
    if (greeted) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not greet on 127.0.0.1:${port}:\n${log()}`);
}

/** Signals the server's whole process group (its pid is the group's id: it was spawned detached). */
function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // the group is gone already
  }
}

export async function startDovecot(options: DovecotOptions): Promise<Dovecot> {
  const program = dovecotPath();
  if (!program) throw new Error("dovecot is not installed (apt-get install dovecot-imapd)");
  const dir = mkdtempSync(join(tmpdir(), "mailaudit-dovecot-"));
  const who = identity();
  try {
    // Dovecot's unprivileged processes must reach the sockets in base_dir.
    chmodSync(dir, 0o755);
    for (const sub of ["run", "state", "mail", "home"]) mkdirSync(join(dir, sub));
    for (const sub of ["mail", "home"]) chownSync(join(dir, sub), who.mailUid, who.mailGid);
    writeFileSync(join(dir, "users"), `${USER}:{PLAIN}${PASSWORD}::::::\n`);
    const ca = makeTestCa(dir, "ca");
    if (options.tls !== false) makeServerCert(dir, ca);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let child: ChildProcess | undefined;
  let exited = true;
  let log = "";
  let ports = { imap: 0, imaps: 0 };
  const configFile = join(dir, "dovecot.conf");

  const start = async (): Promise<void> => {
    exited = false;
    // A process group of its own: stopping the server must cut its clients off too, and Dovecot's
    // imap processes outlive a SIGTERM to the master while they serve a connection.
    const proc = spawn(program, ["-F", "-c", configFile], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child = proc;
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString("utf8")).slice(-20_000);
    };
    proc.stdout?.on("data", keep);
    proc.stderr?.on("data", keep);
    proc.once("exit", () => {
      exited = true;
    });
    await waitForGreeting(
      ports.imap,
      () => exited,
      () => log,
    );
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc || exited) return;
    const gone = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    signalGroup(proc, "SIGTERM");
    const killTimer = setTimeout(() => signalGroup(proc, "SIGKILL"), 5000);
    await gone;
    clearTimeout(killTimer);
    signalGroup(proc, "SIGKILL"); // whatever of the group is left
  };
  const killOnExit = () => {
    if (child) signalGroup(child, "SIGKILL");
  };
  process.once("exit", killOnExit);

  for (let attempt = 1; ; attempt++) {
    ports = { imap: await options.freePort(), imaps: await options.freePort() };
    if (ports.imap === ports.imaps) continue;
    writeFileSync(configFile, config(dir, ports, who, options));
    try {
      await start();
      break;
    } catch (error) {
      await stop();
      if (attempt >= 5 || !/in use|bind/i.test(String(error))) {
        process.off("exit", killOnExit);
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  const caFile = join(dir, "ca.crt");
  return {
    dir,
    host: "127.0.0.1",
    imapPort: ports.imap,
    imapsPort: ports.imaps,
    caFile,
    user: USER,
    password: PASSWORD,
    maildir: join(dir, "mail", USER),
    url(folder = "INBOX", scheme = "imaps") {
      const port = scheme === "imaps" ? ports.imaps : ports.imap;
      return `${scheme}://${USER}@127.0.0.1:${port}/${encodeURIComponent(folder)}`;
    },
    stop,
    start,
    doveadm(args: string[]) {
      return execFileSync("doveadm", ["-c", configFile, ...args], { encoding: "utf8" });
    },
    async close() {
      await stop();
      process.off("exit", killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => log,
  };
}
