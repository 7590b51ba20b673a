import { fileURLToPath } from "node:url";

/** The repository's `fixtures/` folder, found from this file so tests run from any working directory. */
export const FIXTURES_DIR = fileURLToPath(new URL("../../fixtures/", import.meta.url));

/** Third-party conformance material copied into the repository (`fixtures/conformance/README.md`). */
export const CONFORMANCE_DIR = fileURLToPath(new URL("../../fixtures/conformance/", import.meta.url));
