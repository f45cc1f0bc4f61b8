// The reference: a bare Fastify server returning about 1 KB of JSON, measured in the same run as hubcap.
import type { AddressInfo } from "node:net";
import Fastify from "fastify";

const body = {
  items: Array.from({ length: 12 }, (_, i) => ({
    id: i,
    name: `item-${i}`,
    url: `http://127.0.0.1/items/${i}`,
  })),
};
const app = Fastify();
app.get("/", async () => body);
await app.listen({ host: "127.0.0.1", port: 0 });
console.log(`hello-world is listening on http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
