import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_DELIVERIES, WebhookDispatcher } from "../src/delivery.js";
import { generateWebhookKey, sampleEvent } from "../src/index.js";

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A loopback endpoint that accepts connections and never answers: its deliveries stay pending. */
async function silentEndpoint(): Promise<string> {
  const server: Server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

function dispatcher(getUrl: () => string | undefined, maxDeliveries?: number) {
  const log = new WebhookDispatcher({
    webhookKey: generateWebhookKey(),
    getUrl,
    retryDelaysMs: [60_000],
    timeoutMs: 60_000,
    ...(maxDeliveries === undefined ? {} : { maxDeliveries }),
  });
  cleanups.push(() => log.close());
  return log;
}

describe("the delivery log is capped", () => {
  it("keeps the newest MAX_DELIVERIES messages", () => {
    const log = dispatcher(() => undefined);
    const sent = [];
    for (let i = 0; i < MAX_DELIVERIES + 5; i++) {
      sent.push(log.send(sampleEvent("payment.succeeded")).record.id);
    }
    expect(MAX_DELIVERIES).toBe(10_000);
    expect(log.deliveries).toHaveLength(MAX_DELIVERIES);
    expect(log.deliveries[0]?.id).toBe(sent[5]);
    expect(log.deliveries.at(-1)?.id).toBe(sent.at(-1));
  });

  it("drops the oldest settled message first and never a pending one", async () => {
    let url: string | undefined = await silentEndpoint();
    const log = dispatcher(() => url, 3);
    const first = log.send(sampleEvent("payment.succeeded")).record;
    const second = log.send(sampleEvent("payment.failed")).record;
    url = undefined;
    const skipped = [1, 2, 3].map(() => log.send(sampleEvent("refund.succeeded")).record);
    expect(first.state).toBe("pending");
    expect(second.state).toBe("pending");
    expect(skipped.map((record) => record.state)).toEqual(["skipped", "skipped", "skipped"]);
    expect(log.deliveries).toEqual([first, second, skipped[2]]);

    // Only pending messages left and one more over the cap: the log keeps them all.
    const log2 = dispatcher(() => url, 1);
    url = await silentEndpoint();
    const pending = [log2.send(sampleEvent("payment.succeeded")).record];
    pending.push(log2.send(sampleEvent("payment.succeeded")).record);
    expect(log2.deliveries).toEqual(pending);
  });
});
