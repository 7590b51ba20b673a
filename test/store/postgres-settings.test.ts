/**
 * How `--db postgres://…` is read (no server needed): libpq's order (URL, service file, PG*
 * variables, defaults), the refusals (a password in the URL, unknown parameters, a bad sslmode or
 * port) and the figures docs/store.md publishes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parsePostgresUrl, redact, serviceEntry } from "../../src/store/postgres/connection-settings.js";
import { BATCH_RECORDS } from "../../src/store/postgres/report-rows.js";
import { StoreError } from "../../src/store/store-error.js";
import { expectPublishedFigures } from "../helpers/doc-figures.js";

const dir = mkdtempSync(join(tmpdir(), "mailaudit-pg-settings-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NO_ENV = { USER: "me" };

describe("PostgreSQL connection settings", () => {
  it("reads host, port, user, database and sslmode from the URL, with libpq's defaults", () => {
    expect(
      parsePostgresUrl("postgres://dmarc@db.internal:6543/reports?sslmode=verify-full", NO_ENV),
    ).toMatchObject({
      host: "db.internal",
      port: 6543,
      user: "dmarc",
      database: "reports",
      sslMode: "verify-full",
    });
    expect(parsePostgresUrl("postgresql://", NO_ENV)).toMatchObject({
      host: "localhost",
      port: 5432,
      user: "me",
      database: "me",
      sslMode: "prefer",
      applicationName: "mailaudit",
    });
    expect(parsePostgresUrl("postgres://[::1]/db", NO_ENV).host).toBe("::1");
    expect(parsePostgresUrl("postgres://%2Fvar%2Frun%2Fpostgresql/db", NO_ENV).host).toBe(
      "/var/run/postgresql",
    );
    expect(parsePostgresUrl("postgres:///db?host=/tmp/sock&port=7000", NO_ENV)).toMatchObject({
      host: "/tmp/sock",
      port: 7000,
    });
  });

  it("takes what the URL lacks from the service file, then from PG* variables", () => {
    const file = join(dir, "services.conf");
    writeFileSync(
      file,
      "[other]\nhost=wrong\n\n# ours\n[dmarc]\nhost = svc.internal\nport=5433\npassword=from-service\n",
    );
    const env = {
      ...NO_ENV,
      PGSERVICEFILE: file,
      PGDATABASE: "envdb",
      PGHOST: "envhost",
      PGSSLMODE: "require",
    };
    expect(parsePostgresUrl("postgres:///?service=dmarc&user=u", env)).toMatchObject({
      host: "svc.internal",
      port: 5433,
      database: "envdb",
      user: "u",
      sslMode: "require",
      servicePassword: "from-service",
    });
    expect(parsePostgresUrl("postgres://u@urlhost/?service=dmarc", env).host).toBe("urlhost");
    expect(serviceEntry("[a]\nx=1\n[b]\nx=2\n[a]\ny=3\n", "a")).toEqual({ x: "1", y: "3" });
  });

  it("refuses a password in the URL, naming why and never printing it", () => {
    for (const url of ["postgres://u:hunter2@h/db", "postgres://u@h/db?password=hunter2"]) {
      const error = (() => {
        try {
          parsePostgresUrl(url, NO_ENV);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).exitCode).toBe(2);
      expect((error as Error).message).toMatch(
        /password in the URL is refused: it would show in `ps` and in shell history/,
      );
      expect((error as Error).message).not.toContain("hunter2");
    }
    expect(redact("postgres://u:hunter2@h/db?password=x&sslmode=require")).toBe(
      "postgres://u:***@h/db?password=***&sslmode=require",
    );
  });

  it("refuses what it would otherwise ignore or misread", () => {
    for (const [url, reason] of [
      [
        "postgres://h/db?sslmode=on",
        /sslmode "on" is not one of disable, allow, prefer, require, verify-ca, verify-full/,
      ],
      ["postgres://h/db?pool=5", /unknown parameter "pool"/],
      ["postgres://h:0/db", /port "0"/],
      ["postgres://h/a/b", /"a\/b" is not a database name/],
      ["postgres://h/db?connect_timeout=soon", /connect_timeout "soon"/],
      ["postgres://h/db?service=absent", /service "absent" is not defined/],
    ] as const) {
      expect(() =>
        parsePostgresUrl(url, { ...NO_ENV, PGSERVICEFILE: join(dir, "none"), PGSYSCONFDIR: dir }),
      ).toThrow(reason);
    }
  });

  it("docs/store.md publishes the batch size and the connect timeout the code uses", () => {
    expectPublishedFigures({
      "store.batchRecords": BATCH_RECORDS,
      "store.connectTimeout": parsePostgresUrl("postgres://h/db", NO_ENV).connectTimeoutSeconds,
    });
  });
});
