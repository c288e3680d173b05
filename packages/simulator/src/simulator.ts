import { createApp } from "./app.js";
import { SimulatorContext, type SimulatorOptions, type SimulatorState } from "./context.js";
import type { DeliveryAttempt, DeliveryRecord } from "./delivery.js";
import type { DeliveryPlan } from "./delivery-plan.js";
import type { SampleEventOverrides } from "./events.js";
import type { FaultRule } from "./faults.js";
import { type Listening, listen } from "./http/listen.js";
import type { RecordedRequest } from "./http/recorder.js";
import type { ProductInput } from "./products.js";
import type { Customer, Product, WebhookEventType } from "./sdk-types.js";
import type { CustomerInput } from "./store/index.js";

export type { SimulatorOptions, SimulatorState } from "./context.js";

export interface SimulatorFaults {
  /** Replaces all rules. */
  set(rules: FaultRule | FaultRule[]): void;
  /** Appends rules (the first matching rule wins). */
  add(rules: FaultRule | FaultRule[]): void;
  clear(): void;
  list(): FaultRule[];
}

export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:53412`: the SDK's `baseURL`. */
  readonly url: string;
  readonly apiKey: string;
  readonly webhookKey: string;
  readonly businessId: string;
  /** The current webhook URL, if any. */
  readonly webhookUrl: string | undefined;
  /** The API requests received, oldest first, the newest 10,000 (live array). */
  readonly requests: readonly RecordedRequest[];
  /**
   * The webhook delivery log, oldest first (live array): the newest 10,000 messages; past that,
   * the oldest one no longer pending is dropped for each new one (`MAX_DELIVERIES`).
   */
  readonly deliveries: readonly DeliveryRecord[];
  readonly faults: SimulatorFaults;
  readonly state: SimulatorState;
  setWebhookUrl(url: string | undefined): void;
  /**
   * Sends a delivered message again as a new attempt (same `webhook-id` and body, a fresh
   * signature, to the current webhook URL), like the dashboard's Resend button.
   */
  resend(deliveryId: string): Promise<DeliveryAttempt>;
  /** Resolves with the first delivery matching `predicate` (default: any), past or future. */
  waitForDelivery(
    predicate?: (delivery: DeliveryRecord) => boolean,
    timeoutMs?: number,
  ): Promise<DeliveryRecord>;
  /**
   * Sends a signed sample event to the webhook URL; resolves after the first attempt. A `plan`
   * adds duplicates, redeliveries, dropped answers or several targets (see `DeliveryPlan`).
   */
  trigger<T extends WebhookEventType>(
    type: T,
    overrides?: SampleEventOverrides<T>,
    plan?: DeliveryPlan,
  ): Promise<DeliveryRecord>;
  addProduct(product: ProductInput): Product;
  addCustomer(customer: CustomerInput): Customer;
  /** Stops the server, closes every socket (hung ones too) and cancels pending retries. */
  close(): Promise<void>;
}

/** The public handle over a context and its listening server. */
function handle(ctx: SimulatorContext, server: Listening): Simulator {
  const { store, faults } = ctx;
  return {
    url: ctx.baseUrl,
    apiKey: ctx.apiKey,
    webhookKey: ctx.webhookKey,
    businessId: ctx.businessId,
    get webhookUrl() {
      return ctx.webhookUrl;
    },
    requests: ctx.recorder.items,
    deliveries: ctx.dispatcher.deliveries,
    faults: {
      set: (rules) => faults.set(rules),
      add: (rules) => faults.add(rules),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    state: ctx.state,
    setWebhookUrl: (url) => ctx.setWebhookUrl(url),
    resend: (deliveryId) => ctx.dispatcher.resend(deliveryId),
    waitForDelivery: (predicate = () => true, timeoutMs = 5000) =>
      ctx.dispatcher.waitFor(predicate, timeoutMs),
    trigger: (type, overrides, plan) => ctx.trigger(type, overrides, plan),
    addProduct: (p) => store.addProduct(p),
    addCustomer: (c) => store.addCustomer(c),
    async close() {
      if (ctx.closing) return;
      ctx.close();
      await server.close();
    },
  };
}

/** Creates the simulator's HTTP server and starts listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const ctx = new SimulatorContext(options);
  const server = await listen(createApp(ctx), options.port ?? 0, options.host ?? "127.0.0.1");
  ctx.baseUrl = (options.publicUrl ?? server.url).replace(/\/+$/, "");
  return handle(ctx, server);
}
