import { type DeliveryRecord, WebhookDispatcher } from "./delivery.js";
import { type DeliveryPlan, validateDeliveryPlan } from "./delivery-plan.js";
import {
  type AnyWebhookEnvelope,
  isWebhookEventType,
  type SampleEventOverrides,
  sampleEvent,
} from "./events.js";
import { FaultRegistry } from "./faults.js";
import { RequestRecorder } from "./http/recorder.js";
import { DEFAULT_PRODUCTS, loadProductsFile, type ProductInput } from "./products.js";
import type { Customer, Payment, Product, Subscription, WebhookEventType } from "./sdk-types.js";
import {
  type CustomerInput,
  DEFAULT_CUSTOMERS,
  Store,
  toPayment,
  toSubscription,
} from "./store/index.js";
import { generateApiKey, generateWebhookKey } from "./util.js";

export interface SimulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** The bearer token API calls must send. A random `sim_test_...` key when omitted. */
  apiKey?: string;
  /** Where webhooks are POSTed. Can be set later with `setWebhookUrl`. */
  webhookUrl?: string;
  /** The `whsec_...` key webhooks are signed with. A random 32-byte key when omitted. */
  webhookKey?: string;
  /** Products to serve (replaces the three demo products). */
  products?: ProductInput[];
  /** A JSON file of products (an array or `{ "products": [...] }`), added after `products`. */
  productsFile?: string;
  /** Customers to seed (replaces the demo customer `cus_demo`). */
  customers?: CustomerInput[];
  /** The `business_id` in every object and webhook. Default `bus_simulator`. */
  businessId?: string;
  /** Delays before each webhook retry. Default `[1000, 2000, 4000, 8000]` (5 attempts). */
  retryDelaysMs?: number[];
  /** How long one webhook attempt may take. Default 15000 (Dodo's timeout). */
  webhookTimeoutMs?: number;
  /** Base URL used in links the simulator hands out, when it differs from where it listens. */
  publicUrl?: string;
}

/** The read-only state of a simulator, for assertions. */
export interface SimulatorState {
  products: ReadonlyMap<string, Product>;
  customers: ReadonlyMap<string, Customer>;
  /** Payments in the SDK's `Payment` shape. */
  payments(): Payment[];
  /** Subscriptions in the SDK's `Subscription` shape. */
  subscriptions(): Subscription[];
}

function checkWebhookUrl(url: string): void {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`webhook URL must be http(s): ${url}`);
  }
}

/**
 * Everything a route needs, in one object: the data (`store`), webhook delivery (`dispatcher`,
 * `deliver`, `trigger`), fault switches, the request log, links under the public URL, and the
 * clock (`sleep`, cancelled on close). Every route module is a function of one context, so a
 * test can build one with `new SimulatorContext()` and call routes without a server.
 */
export class SimulatorContext {
  readonly apiKey: string;
  readonly webhookKey: string;
  readonly businessId: string;
  readonly store: Store;
  readonly faults = new FaultRegistry();
  readonly recorder = new RequestRecorder();
  readonly dispatcher: WebhookDispatcher;
  /** The data in the SDK's shapes (`sim.state`, the dashboard's Data view). */
  readonly state: SimulatorState;
  /** The base of every link handed out (no trailing slash); set once the server listens. */
  baseUrl = "";
  private currentWebhookUrl: string | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(options: SimulatorOptions = {}) {
    this.apiKey = options.apiKey ?? generateApiKey();
    this.webhookKey = options.webhookKey ?? generateWebhookKey();
    if (!this.webhookKey.startsWith("whsec_")) {
      throw new TypeError("webhookKey must be a Standard Webhooks secret starting with whsec_");
    }
    this.businessId = options.businessId ?? "bus_simulator";
    if (options.webhookUrl !== undefined) new URL(options.webhookUrl);
    this.currentWebhookUrl = options.webhookUrl;
    this.store = new Store(this.businessId);
    for (const p of options.products ?? DEFAULT_PRODUCTS) this.store.addProduct(p);
    if (options.productsFile) {
      for (const p of loadProductsFile(options.productsFile)) this.store.addProduct(p);
    }
    for (const c of options.customers ?? DEFAULT_CUSTOMERS) this.store.addCustomer(c);
    const store = this.store;
    this.state = {
      products: store.products,
      customers: store.customers,
      payments: () => [...store.payments.values()].map((p) => toPayment(store, p)),
      subscriptions: () => [...store.subscriptions.values()].map((s) => toSubscription(store, s)),
    };
    this.dispatcher = new WebhookDispatcher({
      webhookKey: this.webhookKey,
      getUrl: () => this.currentWebhookUrl,
      retryDelaysMs: options.retryDelaysMs ?? [1000, 2000, 4000, 8000],
      timeoutMs: options.webhookTimeoutMs ?? 15_000,
    });
  }

  /** True once `close()` has started: no more answers, deliveries or timers. */
  get closing(): boolean {
    return this.closed;
  }

  /** An absolute URL under the simulator's public base URL. */
  link(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  get webhookUrl(): string | undefined {
    return this.currentWebhookUrl;
  }

  /** Where webhooks go from now on; `undefined` stops delivery. Throws on a non-http(s) URL. */
  setWebhookUrl(url: string | undefined): void {
    if (url !== undefined) checkWebhookUrl(url);
    this.currentWebhookUrl = url;
  }

  /** Sends events to the webhook URL in the background (with retries). */
  deliver(events: readonly AnyWebhookEnvelope[]): void {
    for (const e of events) void this.dispatcher.send(e).firstAttempt;
  }

  /** Sends a sample event (see `Simulator.trigger`); resolves after the first attempt. */
  async trigger<T extends WebhookEventType>(
    type: T,
    overrides?: SampleEventOverrides<T>,
    plan?: DeliveryPlan,
  ): Promise<DeliveryRecord> {
    if (!isWebhookEventType(type)) throw new TypeError(`Unknown webhook event type: ${type}`);
    if (plan) validateDeliveryPlan(plan);
    const event = sampleEvent(type, { business_id: this.businessId, ...overrides });
    const { record, firstAttempt } = this.dispatcher.send(event as AnyWebhookEnvelope, plan);
    await firstAttempt;
    return record;
  }

  /** Waits `ms`; the timer is cleared when the simulator closes (the promise then never settles). */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /** Stops deliveries, retries and timers. The server is closed by its owner. */
  close(): void {
    this.closed = true;
    this.dispatcher.close();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
