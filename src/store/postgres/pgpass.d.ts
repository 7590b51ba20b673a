/** The `pgpass` package (node-postgres's ~/.pgpass reader) ships no types. */
declare module "pgpass" {
  interface PgPassQuery {
    host: string;
    port: number;
    database: string;
    user: string;
  }
  function pgpass(query: PgPassQuery, callback: (password: string | undefined) => void): void;
  export default pgpass;
}
