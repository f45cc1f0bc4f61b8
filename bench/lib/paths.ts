import { fileURLToPath } from "node:url";

/** The checkout this bench belongs to: this file runs as <checkout>/dist/bench/lib/paths.js. */
export const checkoutRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The compiled bench: <checkout>/dist/bench/. */
export const benchRoot = fileURLToPath(new URL("../", import.meta.url));
