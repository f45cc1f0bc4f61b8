/**
 * hubcap as a dependency (`import … from "hubcap"`): an in-process hubcap and what describes its world.
 * `hubcap/testing` gives the same for tests; `npx hubcap` is the command line. This file is what
 * package.json's "." export names (as dist/index.js), so a dependent's import has something to find.
 */
export {
  startHubcap,
  receiveWebhooks,
  type StartHubcapOptions,
  type TestApp,
  type TestAppOptions,
  type TestHubcap,
  type WebhookReceiver,
  type ReceivedWebhook,
  type WorldFile,
} from "./testing/index.js";
export { checkWorld, readWorldFile, WorldError, type PlanSpec } from "./domain/world-file.js";
