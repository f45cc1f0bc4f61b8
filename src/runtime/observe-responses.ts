import type { FastifyInstance } from "fastify";

/** An API response with GitHub's operationId, as a test sees it (e.g. to check it against GitHub's OpenAPI). */
export interface ObservedResponse {
  operationId: string;
  method: string;
  url: string;
  status: number;
  body: string;
}

/** Shows every API response to `observer`; an observer that throws is logged, never the client's problem. */
export function observeResponses(app: FastifyInstance, observer: (response: ObservedResponse) => void): void {
  app.addHook("onSend", async (request, reply, payload) => {
    const operationId = request.routeOptions.config?.operationId;
    if (operationId) {
      try {
        observer({
          operationId,
          method: request.method,
          url: request.url,
          status: reply.statusCode,
          body: String(payload ?? ""),
        });
      } catch (error) {
        request.log.error({ err: error }, "onResponse failed");
      }
    }
    return payload;
  });
}
