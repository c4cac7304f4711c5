/** The entry of `gardenos up` (bundled into `up.bundle.mjs`): the supervisor without the rest of the CLI. */
import { runUp } from "./up.js";

await runUp();
