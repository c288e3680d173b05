import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  ChangeSignal,
  captureResponse,
  DASHBOARD_PATH,
  type DashboardContext,
} from "./dashboard/context.js";
import { handleDashboard, isDashboardPath } from "./dashboard/routes.js";
import { type DeliveryAttempt, type DeliveryRecord, WebhookDispatcher } from "./delivery.js";
import { type DeliveryPlan, validateDeliveryPlan } from "./delivery-plan.js";
import {
  type AnyWebhookEnvelope,
  isWebhookEventType,
  type SampleEventOverrides,
  sampleEvent,
  type WebhookEnvelope,
} from "./events.js";
import {
  FaultRegistry,
  type FaultRegistry as FaultRegistryType,
  type FaultRule,
} from "./faults.js";
import { FAVICON_SVG } from "./favicon.js";
import {
  renderCancelPage,
  renderCheckoutPage,
  renderMessagePage,
  renderPortalPage,
} from "./pages.js";
import {
  DEFAULT_PRODUCTS,
  isPayWhatYouWant,
  loadProductsFile,
  type ProductInput,
  toProductListItem,
  unitPrice,
} from "./products.js";
import type {
  BillingAddress,
  CheckoutSessionResponse,
  CountryCode,
  Customer,
  CustomerPortalSession,
  Metadata,
  Payment,
  PaymentCreateResponse,
  Product,
  Subscription,
  SubscriptionCreateResponse,
  WebhookEventType,
} from "./sdk-types.js";
import {
  type CartLine,
  type CheckoutCustomer,
  type CheckoutForm,
  CheckoutInputError,
  type CheckoutRecord,
  type CustomerInput,
  DEFAULT_CUSTOMERS,
  Store,
} from "./store.js";
import {
  generateApiKey,
  generateWebhookKey,
  isoNow,
  isRecord,
  newId,
  randomToken,
} from "./util.js";

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

/** One API request the simulator received. */
export interface RecordedRequest {
  /** A unique id for this entry (`req_...`). */
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (or the raw text when it was not JSON; undefined when empty). */
  body: unknown;
  /** The status sent; null while pending, for hung requests and dropped connections. */
  status: number | null;
  /** The fault applied, if any (`latency`, `status`, `hang`, `malformed`, `drop`). */
  fault: string | null;
  at: string;
  /** Milliseconds until the answer was sent or the connection closed; null until then. */
  durationMs: number | null;
  /** The first 4 KB of the answer's body (request headers, and so the API key, are never kept). */
  responseBody?: string;
}

export interface SimulatorFaults {
  /** Replaces all rules. */
  set(rules: FaultRule | FaultRule[]): void;
  /** Appends rules (the first matching rule wins). */
  add(rules: FaultRule | FaultRule[]): void;
  clear(): void;
  list(): FaultRule[];
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

export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:53412`: the SDK's `baseURL`. */
  readonly url: string;
  readonly apiKey: string;
  readonly webhookKey: string;
  readonly businessId: string;
  /** The current webhook URL, if any. */
  readonly webhookUrl: string | undefined;
  /** Every API request received, oldest first (live array). */
  readonly requests: readonly RecordedRequest[];
  /** The webhook delivery log, oldest first (live array). */
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

const MAX_BODY = 1024 * 1024;
const MAX_LOG = 10_000;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const missing = (field: string) =>
  new ApiError(422, "INVALID_REQUEST_BODY", `Missing required field \`${field}\``);
const invalid = (message: string) => new ApiError(422, "INVALID_REQUEST_BODY", message);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, "INVALID_REQUEST_BODY", "Request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { code, message }, headers);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
    "cache-control": "no-store",
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, "content-length": "0" });
  res.end();
}

type Params = Record<string, string>;

function matchPath(pattern: string, pathname: string): Params | null {
  const want = pattern.split("/").filter(Boolean);
  const got = pathname.split("/").filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Params = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(":")) {
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return "INVALID_REQUEST_BODY";
    case 401:
      return "UNAUTHORIZED";
    case 404:
      return "NOT_FOUND";
    case 429:
      return "TOO_MANY_REQUESTS";
    case 500:
      return "INTERNAL_SERVER_ERROR";
    default:
      return status >= 500 ? "INTERNAL_SERVER_ERROR" : "SIMULATED_ERROR";
  }
}

function absoluteUrl(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalid(`\`${field}\` must be a string`);
  try {
    const u = new URL(value);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error("protocol");
    return u.toString();
  } catch {
    throw invalid(`\`${field}\` is not a valid absolute URL`);
  }
}

function parseMetadata(value: unknown): Metadata {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw invalid("`metadata` must be an object");
  const entries = Object.entries(value);
  if (entries.length > 50) {
    throw new ApiError(422, "MAXIMUM_KEYS_REACHED", "Exceeds 50 key-value pairs");
  }
  const out: Metadata = {};
  for (const [k, v] of entries) {
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      throw invalid(`metadata value for \`${k}\` must be a string, number or boolean`);
    }
    out[k] = v;
  }
  return out;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw invalid(`\`${field}\` must be a string`);
  return value;
}

/** One page of `items` by the API's `page_size` (1-100, default 10) and 0-based `page_number`. */
function pageOf<T>(items: T[], query: URLSearchParams): { items: T[] } {
  const size = Math.min(Math.max(Number(query.get("page_size") ?? 10) || 10, 1), 100);
  const page = Math.max(Number(query.get("page_number") ?? 0) || 0, 0);
  return { items: items.slice(page * size, page * size + size) };
}

/** Keeps the items whose `field` equals the query parameter of that name, when it is given. */
function filterBy<T>(
  items: T[],
  query: URLSearchParams,
  field: string,
  value: (item: T) => unknown,
): T[] {
  const wanted = query.get(field);
  return wanted === null ? items : items.filter((item) => value(item) === wanted);
}

function parseCountry(value: unknown, field: string): CountryCode {
  if (value === undefined || value === null) throw missing(field);
  if (typeof value !== "string" || !/^[A-Za-z]{2}$/.test(value)) {
    throw invalid(`\`${field}\` must be a two-letter ISO 3166-1 country code`);
  }
  return value.toUpperCase() as CountryCode;
}

function parseBilling(value: unknown, field: string): BillingAddress {
  if (value === undefined || value === null) throw missing(field);
  if (!isRecord(value)) throw invalid(`\`${field}\` must be an object`);
  return {
    country: parseCountry(value.country, `${field}.country`),
    city: optionalString(value.city, `${field}.city`) ?? null,
    state: optionalString(value.state, `${field}.state`) ?? null,
    street: optionalString(value.street, `${field}.street`) ?? null,
    zipcode:
      typeof value.zipcode === "number"
        ? String(value.zipcode)
        : (optionalString(value.zipcode, `${field}.zipcode`) ?? null),
  };
}

function parseQuantity(value: unknown, field: string): number {
  if (value === undefined || value === null) throw missing(field);
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalid(`\`${field}\` must be an integer`);
  }
  if (value < 1) throw invalid(`\`${field}\` must be greater than 0`);
  return value;
}

/** Creates the simulator's HTTP server and starts listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? "127.0.0.1";
  const apiKey = options.apiKey ?? generateApiKey();
  const webhookKey = options.webhookKey ?? generateWebhookKey();
  if (!webhookKey.startsWith("whsec_")) {
    throw new TypeError("webhookKey must be a Standard Webhooks secret starting with whsec_");
  }
  const businessId = options.businessId ?? "bus_simulator";
  const retryDelaysMs = options.retryDelaysMs ?? [1000, 2000, 4000, 8000];
  let webhookUrl = options.webhookUrl;
  if (webhookUrl !== undefined) new URL(webhookUrl);

  const store = new Store(businessId);
  for (const p of options.products ?? DEFAULT_PRODUCTS) store.addProduct(p);
  if (options.productsFile) {
    for (const p of loadProductsFile(options.productsFile)) store.addProduct(p);
  }
  for (const c of options.customers ?? DEFAULT_CUSTOMERS) store.addCustomer(c);

  const faults: FaultRegistryType = new FaultRegistry();
  const dispatcher = new WebhookDispatcher({
    webhookKey,
    getUrl: () => webhookUrl,
    retryDelaysMs,
    timeoutMs: options.webhookTimeoutMs ?? 15_000,
  });
  const requests: RecordedRequest[] = [];
  const requestChanges = new ChangeSignal();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closing = false;
  let baseUrl = "";

  const deliver = (events: AnyWebhookEnvelope[]) => {
    for (const e of events) void dispatcher.send(e).firstAttempt;
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  // ---------------------------------------------------------------- API handlers

  const parseCustomer = (value: unknown, required: boolean): CheckoutCustomer | undefined => {
    if (value === undefined || value === null) {
      if (required) throw missing("customer");
      return undefined;
    }
    if (!isRecord(value)) throw invalid("`customer` must be an object");
    if (value.customer_id !== undefined) {
      if (typeof value.customer_id !== "string")
        throw invalid("`customer.customer_id` must be a string");
      if (!store.customers.has(value.customer_id)) {
        throw new ApiError(404, "NOT_FOUND", `Customer ${value.customer_id} not found`);
      }
      return { customer_id: value.customer_id };
    }
    if (typeof value.email !== "string" || value.email === "") {
      throw invalid("`customer` needs either `customer_id` or `email`");
    }
    return {
      email: value.email,
      name: optionalString(value.name, "customer.name"),
      phone_number: optionalString(value.phone_number, "customer.phone_number") ?? null,
    };
  };

  const parseCart = (
    value: unknown,
    mode: { oneTimeOnly: boolean; amountRequired: boolean },
  ): CartLine[] => {
    if (value === undefined || value === null) throw missing("product_cart");
    if (!Array.isArray(value)) throw invalid("`product_cart` must be an array");
    if (value.length === 0) throw new ApiError(422, "PRODUCT_CART_EMPTY", "product_cart is empty");
    const lines: CartLine[] = [];
    value.forEach((item: unknown, i) => {
      const at = `product_cart[${i}]`;
      if (!isRecord(item)) throw invalid(`\`${at}\` must be an object`);
      if (item.product_id === undefined || item.product_id === null)
        throw missing(`${at}.product_id`);
      if (typeof item.product_id !== "string")
        throw invalid(`\`${at}.product_id\` must be a string`);
      const quantity = parseQuantity(item.quantity, `${at}.quantity`);
      const product = store.products.get(item.product_id);
      if (!product) throw new ApiError(404, "NOT_FOUND", `Product ${item.product_id} not found`);
      if (mode.oneTimeOnly && product.is_recurring) {
        throw invalid(
          `Product ${product.product_id} is a subscription product; create it with POST /subscriptions`,
        );
      }
      const line: CartLine = { product, quantity };
      if (isPayWhatYouWant(product)) {
        if (item.amount === undefined || item.amount === null) {
          if (mode.amountRequired) {
            throw new ApiError(
              422,
              "PAY_AS_YOU_WANT_AMOUNT_REQUIRED",
              "Amount is mandatory for pay as you want product",
            );
          }
        } else {
          if (typeof item.amount !== "number" || !Number.isInteger(item.amount)) {
            throw invalid(`\`${at}.amount\` must be an integer`);
          }
          if (item.amount < unitPrice(product)) {
            throw new ApiError(
              422,
              "REQUEST_AMOUNT_BELOW_MINIMUM",
              "Amount cannot be less than minimum amount specified for the product",
            );
          }
          line.amount = item.amount;
        }
      }
      lines.push(line);
    });
    return lines;
  };

  const resolveCustomer = (c: CheckoutCustomer): Customer => {
    if (c.customer_id) return store.customers.get(c.customer_id) as Customer;
    return store.customerFor(c.email as string, c.name, c.phone_number);
  };

  const link = (path: string) => `${baseUrl}${path}`;

  const newCheckout = (
    init: Partial<CheckoutRecord> & Pick<CheckoutRecord, "id" | "kind" | "lines">,
  ): CheckoutRecord => {
    const record: CheckoutRecord = {
      customer: {},
      billing: {},
      returnUrl: null,
      metadata: {},
      createdAt: isoNow(),
      status: "open",
      paymentId: null,
      subscriptionIds: [],
      trialPeriodDays: null,
      lockedFields: [],
      showDiscounts: false,
      displayCurrency: null,
      ...init,
    };
    store.checkouts.set(record.id, record);
    return record;
  };

  type ApiHandler = (params: Params, body: unknown, query: URLSearchParams) => [number, unknown];

  const api: Array<{ method: string; pattern: string; handler: ApiHandler }> = [
    {
      method: "GET",
      pattern: "/products",
      handler: (_p, _b, query) => {
        let items = [...store.products.values()];
        const recurring = query.get("recurring");
        if (recurring === "true" || recurring === "false") {
          items = items.filter((p) => p.is_recurring === (recurring === "true"));
        }
        return [200, pageOf(items.map(toProductListItem), query)];
      },
    },
    {
      method: "GET",
      pattern: "/products/:id",
      handler: ({ id }) => {
        const product = store.products.get(id as string);
        if (!product) throw new ApiError(404, "NOT_FOUND", `Product ${id} not found`);
        return [200, product satisfies Product];
      },
    },
    {
      method: "POST",
      pattern: "/payments",
      handler: (_p, body) => {
        if (!isRecord(body)) throw invalid("Request body must be a JSON object");
        const billing = parseBilling(body.billing, "billing");
        const customerReq = parseCustomer(body.customer, true) as CheckoutCustomer;
        const lines = parseCart(body.product_cart, { oneTimeOnly: true, amountRequired: true });
        const returnUrl = absoluteUrl(body.return_url, "return_url");
        const metadata = parseMetadata(body.metadata);
        const customer = resolveCustomer(customerReq);
        const paymentId = newId("pay");
        const wantsLink = body.payment_link === true;
        const payment = store.newPayment({
          payment_id: paymentId,
          customer_id: customer.customer_id,
          lines,
          billing,
          metadata,
          payment_link: wantsLink ? link(`/pay/${paymentId}`) : null,
        });
        newCheckout({
          id: paymentId,
          kind: "payment_link",
          lines,
          customer: { customer_id: customer.customer_id },
          billing,
          returnUrl,
          metadata,
          paymentId,
          showDiscounts: true,
        });
        const response = {
          payment_id: payment.payment_id,
          client_secret: `${payment.payment_id}_secret_${randomToken(24)}`,
          customer: store.limitedCustomer(customer.customer_id),
          metadata,
          total_amount: payment.total_amount,
          payment_link: payment.payment_link,
          product_cart: lines.map((l) => ({
            product_id: l.product.product_id,
            quantity: l.quantity,
            amount: l.amount ?? null,
          })),
          discount_id: null,
          expires_on: new Date(Date.now() + 24 * 3600_000).toISOString(),
        } satisfies PaymentCreateResponse;
        return [200, response];
      },
    },
    {
      method: "GET",
      pattern: "/payments",
      handler: (_p, _b, query) => {
        let items = [...store.payments.values()].reverse(); // newest first
        items = filterBy(items, query, "customer_id", (p) => p.customer_id);
        items = filterBy(items, query, "status", (p) => p.status);
        items = filterBy(items, query, "subscription_id", (p) => p.subscription_ids[0]);
        const product = query.get("product_id");
        if (product)
          items = items.filter((p) => p.lines.some((l) => l.product.product_id === product));
        return [
          200,
          pageOf(
            items.map((p) => store.toPaymentListItem(p)),
            query,
          ),
        ];
      },
    },
    {
      method: "GET",
      pattern: "/payments/:id",
      handler: ({ id }) => {
        const payment = store.payments.get(id as string);
        if (!payment) throw new ApiError(404, "NOT_FOUND", `Payment ${id} not found`);
        return [200, store.toPayment(payment)];
      },
    },
    {
      method: "POST",
      pattern: "/subscriptions",
      handler: (_p, body) => {
        if (!isRecord(body)) throw invalid("Request body must be a JSON object");
        const billing = parseBilling(body.billing, "billing");
        const customerReq = parseCustomer(body.customer, true) as CheckoutCustomer;
        if (body.product_id === undefined || body.product_id === null) throw missing("product_id");
        if (typeof body.product_id !== "string") throw invalid("`product_id` must be a string");
        const quantity = parseQuantity(body.quantity, "quantity");
        const product = store.products.get(body.product_id);
        if (!product) throw new ApiError(404, "NOT_FOUND", `Product ${body.product_id} not found`);
        if (!product.is_recurring) {
          throw invalid(`Product ${product.product_id} is not a subscription product`);
        }
        const returnUrl = absoluteUrl(body.return_url, "return_url");
        const metadata = parseMetadata(body.metadata);
        let trial: number | null = null;
        if (body.trial_period_days !== undefined && body.trial_period_days !== null) {
          const t = body.trial_period_days;
          if (typeof t !== "number" || !Number.isInteger(t) || t < 0 || t > 10_000) {
            throw invalid("`trial_period_days` must be an integer from 0 to 10000");
          }
          trial = t;
        }
        const customer = resolveCustomer(customerReq);
        const lines: CartLine[] = [{ product, quantity }];
        const subscription = store.newSubscription({
          product,
          quantity,
          customer_id: customer.customer_id,
          billing,
          metadata,
          trial_period_days: trial,
        });
        const paymentId = newId("pay");
        const wantsLink = body.payment_link === true;
        store.newPayment({
          payment_id: paymentId,
          customer_id: customer.customer_id,
          lines,
          billing,
          metadata,
          payment_link: wantsLink ? link(`/pay/${paymentId}`) : null,
        });
        newCheckout({
          id: paymentId,
          kind: "subscription_link",
          lines,
          customer: { customer_id: customer.customer_id },
          billing,
          returnUrl,
          metadata,
          paymentId,
          subscriptionIds: [subscription.subscription_id],
          trialPeriodDays: trial,
          showDiscounts: true,
        });
        const response = {
          subscription_id: subscription.subscription_id,
          payment_id: paymentId,
          customer: store.limitedCustomer(customer.customer_id),
          metadata,
          recurring_pre_tax_amount: unitPrice(product) * quantity,
          addons: [],
          payment_method_required: true,
          client_secret: `${paymentId}_secret_${randomToken(24)}`,
          payment_link: wantsLink ? link(`/pay/${paymentId}`) : null,
          discount_id: null,
          expires_on: new Date(Date.now() + 24 * 3600_000).toISOString(),
          trial_amount: null,
        } satisfies SubscriptionCreateResponse;
        return [200, response];
      },
    },
    {
      method: "GET",
      pattern: "/subscriptions",
      handler: (_p, _b, query) => {
        let items = [...store.subscriptions.values()].reverse(); // newest first
        items = filterBy(items, query, "customer_id", (s) => s.customer_id);
        items = filterBy(items, query, "status", (s) => s.status);
        items = filterBy(items, query, "product_id", (s) => s.product.product_id);
        return [
          200,
          pageOf(
            items.map((s) => store.toSubscriptionListItem(s)),
            query,
          ),
        ];
      },
    },
    {
      method: "GET",
      pattern: "/subscriptions/:id",
      handler: ({ id }) => {
        const s = store.subscriptions.get(id as string);
        if (!s) throw new ApiError(404, "NOT_FOUND", `Subscription ${id} not found`);
        return [200, store.toSubscription(s)];
      },
    },
    {
      method: "POST",
      pattern: "/checkouts",
      handler: (_p, body) => {
        if (!isRecord(body)) throw invalid("Request body must be a JSON object");
        const lines = parseCart(body.product_cart, { oneTimeOnly: false, amountRequired: false });
        const customer = parseCustomer(body.customer, false) ?? {};
        let billing: Partial<BillingAddress> = {};
        if (body.billing_address !== undefined && body.billing_address !== null) {
          billing = parseBilling(body.billing_address, "billing_address");
        }
        const returnUrl = absoluteUrl(body.return_url, "return_url");
        const metadata = parseMetadata(body.metadata);
        let trial: number | null = null;
        if (isRecord(body.subscription_data)) {
          const t = body.subscription_data.trial_period_days;
          if (t !== undefined && t !== null) {
            if (typeof t !== "number" || !Number.isInteger(t) || t < 0) {
              throw invalid("`subscription_data.trial_period_days` must be a non-negative integer");
            }
            trial = t;
          }
        }
        const flags = isRecord(body.feature_flags) ? body.feature_flags : {};
        const id = newId("cks");
        newCheckout({
          id,
          kind: "session",
          lines,
          customer,
          billing,
          returnUrl,
          metadata,
          trialPeriodDays: trial,
          showDiscounts: flags.allow_discount_code === true,
        });
        const response = {
          session_id: id,
          checkout_url: link(`/session/${id}`),
        } satisfies CheckoutSessionResponse;
        return [200, response];
      },
    },
    {
      method: "GET",
      pattern: "/checkouts/:id",
      handler: ({ id }) => {
        const c = store.checkouts.get(id as string);
        if (c?.kind !== "session") {
          throw new ApiError(404, "NOT_FOUND", `Checkout session ${id} not found`);
        }
        return [200, store.toCheckoutStatus(c)];
      },
    },
    {
      method: "GET",
      pattern: "/customers",
      handler: (_p, _b, query) => {
        let items = [...store.customers.values()];
        const email = query.get("email");
        if (email) items = items.filter((c) => c.email.toLowerCase() === email.toLowerCase());
        return [200, pageOf(items, query)];
      },
    },
    {
      method: "POST",
      pattern: "/customers",
      handler: (_p, body) => {
        if (!isRecord(body)) throw invalid("Request body must be a JSON object");
        if (typeof body.email !== "string" || body.email.trim() === "") throw missing("email");
        if (typeof body.name !== "string") throw missing("name");
        const phone = optionalString(body.phone_number, "phone_number");
        const metadata = parseMetadata(body.metadata);
        // One customer per email, as the simulator's checkouts keep it: an existing one is returned.
        const customer =
          store.findCustomerByEmail(body.email) ??
          store.addCustomer({
            email: body.email.trim(),
            name: body.name,
            phone_number: phone ?? null,
            metadata,
          });
        return [200, customer satisfies Customer];
      },
    },
    {
      method: "GET",
      pattern: "/customers/:id",
      handler: ({ id }) => {
        const c = store.customers.get(id as string);
        if (!c) throw new ApiError(404, "NOT_FOUND", `Customer ${id} not found`);
        return [200, c satisfies Customer];
      },
    },
    {
      method: "POST",
      pattern: "/customers/:id/customer-portal/session",
      handler: ({ id }, _b, query) => {
        const c = store.customers.get(id as string);
        if (!c) throw new ApiError(404, "NOT_FOUND", `Customer ${id} not found`);
        const sendEmail = query.get("send_email");
        if (sendEmail !== null && sendEmail !== "true" && sendEmail !== "false") {
          throw new ApiError(400, "INVALID_QUERY_PARAMS", "`send_email` must be true or false");
        }
        const returnUrl = query.get("return_url");
        if (returnUrl !== null) absoluteUrl(returnUrl, "return_url");
        const session = {
          id: newId("cps"),
          customer_id: c.customer_id,
          return_url: returnUrl,
          send_email: sendEmail === "true",
          created_at: isoNow(),
        };
        store.portalSessions.set(session.id, session);
        return [200, { link: link(`/portal/${session.id}`) } satisfies CustomerPortalSession];
      },
    },
  ];

  // ---------------------------------------------------------------- hosted pages

  const checkoutPage = (
    res: ServerResponse,
    checkout: CheckoutRecord,
    status = 200,
    error?: string,
  ) => {
    if (checkout.status !== "open") {
      sendHtml(
        res,
        409,
        renderMessagePage(
          "Checkout already completed",
          "This checkout has already been used. Start a new checkout to pay again.",
        ),
      );
      return;
    }
    const customer = checkout.customer.customer_id
      ? store.customers.get(checkout.customer.customer_id)
      : undefined;
    sendHtml(res, status, renderCheckoutPage({ checkout, customer, error }));
  };

  const staticLink = (res: ServerResponse, productId: string, q: URLSearchParams) => {
    const product = store.products.get(productId);
    if (!product) {
      sendHtml(
        res,
        404,
        renderMessagePage("Product not found", `There is no product ${productId}.`),
      );
      return;
    }
    const quantityText = q.get("quantity");
    const quantity = quantityText === null ? 1 : Number(quantityText);
    if (!Number.isInteger(quantity) || quantity < 1) {
      sendHtml(
        res,
        400,
        renderMessagePage("Invalid link", "quantity must be a whole number of at least 1."),
      );
      return;
    }
    const line: CartLine = { product, quantity };
    const amountText = q.get("paymentAmount");
    if (amountText !== null && isPayWhatYouWant(product)) {
      const amount = Number(amountText);
      if (!Number.isInteger(amount) || amount < unitPrice(product)) {
        sendHtml(
          res,
          400,
          renderMessagePage(
            "Invalid link",
            `paymentAmount must be an integer of at least ${unitPrice(product)}.`,
          ),
        );
        return;
      }
      line.amount = amount;
    }
    let returnUrl: string | null = null;
    const redirectUrl = q.get("redirect_url");
    if (redirectUrl) {
      try {
        returnUrl = absoluteUrl(redirectUrl, "redirect_url");
      } catch {
        sendHtml(
          res,
          400,
          renderMessagePage("Invalid link", "redirect_url is not a valid absolute URL."),
        );
        return;
      }
    }
    const first = q.get("firstName");
    const last = q.get("lastName");
    const name =
      first || last ? [first, last].filter(Boolean).join(" ") : (q.get("fullName") ?? undefined);
    const metadata: Metadata = {};
    for (const [k, v] of q) if (k.startsWith("metadata_") && k.length > 9) metadata[k.slice(9)] = v;
    const locks: Array<[string, string]> = [
      ["disableFullName", "name"],
      ["disableFirstName", "name"],
      ["disableLastName", "name"],
      ["disableEmail", "email"],
      ["disableCountry", "country"],
      ["disableAddressLine", "street"],
      ["disableCity", "city"],
      ["disableState", "state"],
      ["disableZipCode", "zipcode"],
    ];
    const lockedFields = locks
      .filter(([param]) => q.get(param) === "true")
      .map(([, field]) => field);
    const country = q.get("country");
    const checkout = newCheckout({
      id: newId("sess"),
      kind: "static_link",
      lines: [line],
      customer: { email: q.get("email") ?? undefined, name },
      billing: {
        country:
          country && /^[A-Za-z]{2}$/.test(country)
            ? (country.toUpperCase() as CountryCode)
            : undefined,
        street: q.get("addressLine"),
        city: q.get("city"),
        state: q.get("state"),
        zipcode: q.get("zipCode"),
      },
      returnUrl,
      metadata,
      lockedFields,
      showDiscounts: q.get("showDiscounts") !== "false",
      displayCurrency: q.get("paymentCurrency"),
    });
    checkoutPage(res, checkout);
  };

  const parseForm = (raw: Buffer): CheckoutForm & { amounts: Record<number, number> } => {
    const form = new URLSearchParams(raw.toString("utf8"));
    const amounts: Record<number, number> = {};
    for (const [k, v] of form) {
      const m = /^amount_(\d+)$/.exec(k);
      if (m && v.trim() !== "") amounts[Number(m[1])] = Number(v);
    }
    const get = (k: string) => {
      const v = form.get(k);
      return v === null ? undefined : v.trim();
    };
    return {
      email: get("email"),
      name: get("name"),
      country: get("country"),
      street: get("street"),
      city: get("city"),
      state: get("state"),
      zipcode: get("zipcode"),
      amounts,
    };
  };

  const finishCheckout = (
    res: ServerResponse,
    checkout: CheckoutRecord,
    raw: Buffer,
    pay: boolean,
  ) => {
    if (checkout.status !== "open") {
      checkoutPage(res, checkout);
      return;
    }
    let outcome: ReturnType<Store["completeCheckout"]>;
    try {
      const form = parseForm(raw);
      outcome = pay ? store.completeCheckout(checkout, form) : store.failCheckout(checkout, form);
    } catch (err) {
      if (err instanceof CheckoutInputError) {
        checkoutPage(res, checkout, 400, err.message);
        return;
      }
      throw err;
    }
    deliver(outcome.events);
    const params: Record<string, string> =
      outcome.subscriptionIds.length > 0
        ? {
            subscription_id: outcome.subscriptionIds[0] as string,
            status: pay ? "active" : "failed",
          }
        : { payment_id: outcome.paymentId, status: pay ? "succeeded" : "failed" };
    if (checkout.returnUrl) {
      const target = new URL(checkout.returnUrl);
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      redirect(res, target.toString());
    } else {
      redirect(res, `/checkout/${encodeURIComponent(checkout.id)}/complete`);
    }
  };

  const completePage = (res: ServerResponse, checkout: CheckoutRecord) => {
    if (checkout.status === "open") {
      checkoutPage(res, checkout);
      return;
    }
    const ok = checkout.status === "succeeded";
    const ids = [
      checkout.paymentId ? `<li>Payment: <code>${checkout.paymentId}</code></li>` : "",
      ...checkout.subscriptionIds.map((s) => `<li>Subscription: <code>${s}</code></li>`),
    ].join("");
    sendHtml(
      res,
      200,
      renderMessagePage(
        ok ? "Payment complete" : "Payment failed",
        ok ? "Thank you! The payment succeeded." : "The payment was declined (simulated).",
        `<ul>${ids}</ul>`,
      ),
    );
  };

  const portalPage = (res: ServerResponse, sessionId: string) => {
    const session = store.portalSessions.get(sessionId);
    const customer = session ? store.customers.get(session.customer_id) : undefined;
    if (!session || !customer) {
      sendHtml(
        res,
        404,
        renderMessagePage("Link expired", "This customer portal link is not valid."),
      );
      return;
    }
    sendHtml(
      res,
      200,
      renderPortalPage({
        sessionId,
        customer,
        returnUrl: session.return_url,
        subscriptions: [...store.subscriptions.values()].filter(
          (s) => s.customer_id === customer.customer_id && s.status !== "pending",
        ),
        payments: [...store.payments.values()].filter(
          (p) =>
            p.customer_id === customer.customer_id &&
            (p.status === "succeeded" || p.status === "failed"),
        ),
      }),
    );
  };

  type PageHandler = (
    res: ServerResponse,
    params: Params,
    query: URLSearchParams,
    raw: Buffer,
  ) => void;
  const pages: Array<{ method: string; pattern: string; handler: PageHandler }> = [
    {
      method: "GET",
      pattern: "/",
      handler: (res) => {
        const rows = [...store.products.values()]
          .map(
            (p) =>
              `<li><a href="/buy/${encodeURIComponent(p.product_id)}">${p.name ?? p.product_id}</a> <code>${p.product_id}</code>${p.is_recurring ? " (subscription)" : ""}</li>`,
          )
          .join("");
        sendHtml(
          res,
          200,
          renderMessagePage(
            "Dodo Payments simulator",
            "A local stand-in for the Dodo Payments API. Static payment links for the seeded products:",
            `<ul>${rows}</ul><p><a href="${DASHBOARD_PATH}">Open the dashboard</a>: webhook deliveries, API requests, faults and events.</p>`,
          ),
        );
      },
    },
    {
      method: "GET",
      pattern: "/session/:id",
      handler: (res, { id }) => {
        const c = store.checkouts.get(id as string);
        if (c?.kind !== "session") {
          sendHtml(
            res,
            404,
            renderMessagePage("Checkout not found", "This checkout session does not exist."),
          );
          return;
        }
        checkoutPage(res, c);
      },
    },
    {
      method: "GET",
      pattern: "/pay/:id",
      handler: (res, { id }) => {
        const c = store.checkouts.get(id as string);
        if (!c || (c.kind !== "payment_link" && c.kind !== "subscription_link")) {
          sendHtml(
            res,
            404,
            renderMessagePage("Payment link not found", "This payment link does not exist."),
          );
          return;
        }
        checkoutPage(res, c);
      },
    },
    {
      method: "GET",
      pattern: "/buy/:productId",
      handler: (res, { productId }, query) => staticLink(res, productId as string, query),
    },
    {
      method: "POST",
      pattern: "/checkout/:id/pay",
      handler: (res, { id }, _q, raw) => {
        const c = store.checkouts.get(id as string);
        if (!c) {
          sendHtml(
            res,
            404,
            renderMessagePage("Checkout not found", "This checkout does not exist."),
          );
          return;
        }
        finishCheckout(res, c, raw, true);
      },
    },
    {
      method: "POST",
      pattern: "/checkout/:id/fail",
      handler: (res, { id }, _q, raw) => {
        const c = store.checkouts.get(id as string);
        if (!c) {
          sendHtml(
            res,
            404,
            renderMessagePage("Checkout not found", "This checkout does not exist."),
          );
          return;
        }
        finishCheckout(res, c, raw, false);
      },
    },
    {
      method: "GET",
      pattern: "/checkout/:id/complete",
      handler: (res, { id }) => {
        const c = store.checkouts.get(id as string);
        if (!c) {
          sendHtml(
            res,
            404,
            renderMessagePage("Checkout not found", "This checkout does not exist."),
          );
          return;
        }
        completePage(res, c);
      },
    },
    {
      method: "GET",
      pattern: "/portal/:id",
      handler: (res, { id }) => portalPage(res, id as string),
    },
    {
      method: "GET",
      pattern: "/portal/:id/subscriptions/:sub/cancel",
      handler: (res, { id, sub }) => {
        const session = store.portalSessions.get(id as string);
        const s = store.subscriptions.get(sub as string);
        if (!session || !s || s.customer_id !== session.customer_id) {
          sendHtml(
            res,
            404,
            renderMessagePage("Not found", "This subscription is not in this portal."),
          );
          return;
        }
        // Nothing left to confirm: back to the portal, which shows the status.
        if (s.status !== "active") {
          redirect(res, `/portal/${encodeURIComponent(id as string)}`);
          return;
        }
        sendHtml(
          res,
          200,
          renderCancelPage({
            sessionId: id as string,
            subscription: s,
            returnUrl: session.return_url,
          }),
        );
      },
    },
    {
      method: "POST",
      pattern: "/portal/:id/subscriptions/:sub/cancel",
      handler: (res, { id, sub }) => {
        const session = store.portalSessions.get(id as string);
        const s = store.subscriptions.get(sub as string);
        if (!session || !s || s.customer_id !== session.customer_id) {
          sendHtml(
            res,
            404,
            renderMessagePage("Not found", "This subscription is not in this portal."),
          );
          return;
        }
        if (s.status === "active") deliver([store.cancelSubscription(s)]);
        redirect(res, `/portal/${encodeURIComponent(id as string)}`);
      },
    },
  ];

  // ---------------------------------------------------------------- control routes

  const control = async (
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    raw: Buffer,
  ): Promise<void> => {
    if (!isLoopback(req.socket.remoteAddress)) {
      sendError(res, 403, "FORBIDDEN", "The /_sim control routes answer loopback clients only");
      return;
    }
    // The dashboard (HTML pages, form posts, live events): before the JSON body parsing below.
    if (isDashboardPath(pathname)) {
      const context: DashboardContext = {
        baseUrl,
        businessId,
        requests,
        onRequestsChange: (listener) => requestChanges.subscribe(listener),
        dispatcher,
        faults,
        state: sim.state,
        getWebhookUrl: () => webhookUrl,
        setWebhookUrl: (url) => sim.setWebhookUrl(url),
      };
      await handleDashboard(context, req, res, pathname, raw);
      return;
    }
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        sendError(res, 400, "INVALID_REQUEST_BODY", "Body is not valid JSON");
        return;
      }
    }
    const method = req.method ?? "GET";
    const route = `${method} ${pathname.replace(/\/+$/, "") || "/"}`;
    switch (route) {
      case "GET /_sim":
        sendJson(res, 200, {
          url: baseUrl,
          businessId,
          webhookUrl: webhookUrl ?? null,
          products: [...store.products.keys()],
          customers: [...store.customers.keys()],
          faults: faults.list(),
        });
        return;
      case "GET /_sim/deliveries":
        sendJson(res, 200, { items: dispatcher.deliveries });
        return;
      case "GET /_sim/requests":
        sendJson(res, 200, { items: requests });
        return;
      case "GET /_sim/faults":
        sendJson(res, 200, { items: faults.list() });
        return;
      case "POST /_sim/faults":
      case "PUT /_sim/faults": {
        const rules = isRecord(body) && Array.isArray(body.faults) ? body.faults : body;
        try {
          const list = (Array.isArray(rules) ? rules : [rules]) as FaultRule[];
          if (method === "PUT") faults.set(list);
          else faults.add(list);
        } catch (err) {
          sendError(res, 400, "INVALID_REQUEST_BODY", (err as Error).message);
          return;
        }
        sendJson(res, 200, { items: faults.list() });
        return;
      }
      case "DELETE /_sim/faults":
        faults.clear();
        sendJson(res, 200, { items: [] });
        return;
      case "POST /_sim/webhook-url":
      case "PUT /_sim/webhook-url": {
        const url = isRecord(body) ? body.url : undefined;
        if (url !== null && typeof url !== "string") {
          sendError(res, 400, "INVALID_REQUEST_BODY", 'Send { "url": "http://..." } (or null)');
          return;
        }
        try {
          sim.setWebhookUrl(url ?? undefined);
        } catch (err) {
          sendError(res, 400, "INVALID_REQUEST_BODY", (err as Error).message);
          return;
        }
        sendJson(res, 200, { webhookUrl: webhookUrl ?? null });
        return;
      }
      case "POST /_sim/trigger": {
        const type = isRecord(body) ? body.type : undefined;
        if (typeof type !== "string" || !isWebhookEventType(type)) {
          sendError(res, 400, "INVALID_REQUEST_BODY", "Unknown or missing event `type`");
          return;
        }
        const overrides = isRecord(body) && isRecord(body.overrides) ? body.overrides : {};
        const plan = isRecord(body) && body.plan !== undefined ? body.plan : undefined;
        try {
          if (plan !== undefined) validateDeliveryPlan(plan as DeliveryPlan);
        } catch (err) {
          sendError(res, 400, "INVALID_REQUEST_BODY", (err as Error).message);
          return;
        }
        const record = await sim.trigger(
          type,
          overrides as SampleEventOverrides,
          plan as DeliveryPlan | undefined,
        );
        sendJson(res, 200, record);
        return;
      }
      default:
        sendError(res, 404, "NOT_FOUND", `No control route ${route}`);
    }
  };

  // ---------------------------------------------------------------- faults

  /** Applies a fault; returns true when the request has been dealt with. */
  const applyFault = async (rule: FaultRule, res: ServerResponse): Promise<boolean> => {
    if (rule.latencyMs) await sleep(rule.latencyMs);
    if (closing) return true;
    if (rule.drop) {
      res.socket?.destroy();
      return true;
    }
    if (rule.hang) {
      // Never answer. close() destroys the socket.
      return true;
    }
    if (rule.malformed) {
      const body = '{"items": [{"product_id": "pdt_';
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
      });
      res.end(body);
      return true;
    }
    if (rule.status !== undefined) {
      const headers: Record<string, string> = {};
      const retryAfter = rule.retryAfter ?? (rule.status === 429 ? 1 : undefined);
      if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
      const body = rule.body ?? {
        code: statusCode(rule.status),
        message: `Simulated ${rule.status} response`,
      };
      sendJson(res, rule.status, body, headers);
      return true;
    }
    return false;
  };

  // ---------------------------------------------------------------- dispatch

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const { pathname } = url;
    const raw = await readBody(req);

    if (pathname === "/_sim" || pathname.startsWith("/_sim/")) {
      await control(req, res, pathname, raw);
      return;
    }

    // Browsers fetch the icon on their own: answer it before faults, so it never uses one up.
    if (
      (pathname === "/favicon.ico" || pathname === "/favicon.svg") &&
      (method === "GET" || method === "HEAD")
    ) {
      res.writeHead(200, {
        "content-type": "image/svg+xml",
        "content-length": String(Buffer.byteLength(FAVICON_SVG)),
        "cache-control": "public, max-age=86400",
      });
      res.end(method === "HEAD" ? undefined : FAVICON_SVG);
      return;
    }

    const apiRoute = api.find((r) => matchPath(r.pattern, pathname) !== null);
    let record: RecordedRequest | undefined;
    let body: unknown;
    let badJson = false;
    if (apiRoute) {
      const text = raw.toString("utf8");
      if (text.length > 0) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
          badJson = true;
        }
      }
      record = {
        id: newId("req"),
        method,
        path: pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        status: null,
        fault: null,
        at: isoNow(),
        durationMs: null,
      };
      requests.push(record);
      if (requests.length > MAX_LOG) requests.shift();
      const rec = record;
      res.on("finish", () => {
        rec.status = res.statusCode;
      });
      captureResponse(res, (durationMs, responseBody) => {
        rec.durationMs = durationMs;
        if (responseBody !== undefined) rec.responseBody = responseBody;
        requestChanges.notify();
      });
      requestChanges.notify();
    }

    const rule = faults.take(method, pathname);
    if (rule) {
      if (record) {
        record.fault = rule.drop
          ? "drop"
          : rule.hang
            ? "hang"
            : rule.malformed
              ? "malformed"
              : rule.status !== undefined
                ? "status"
                : "latency";
      }
      if (await applyFault(rule, res)) return;
    }
    if (closing) return;

    if (apiRoute) {
      const auth = req.headers.authorization ?? "";
      const match = /^Bearer\s+(.+)$/i.exec(auth);
      if (!match || match[1]?.trim() !== apiKey) {
        sendError(res, 401, "UNAUTHORIZED", "You are not authorised to perform this action");
        return;
      }
      const route = api.find((r) => r.method === method && matchPath(r.pattern, pathname) !== null);
      if (!route) {
        const allow = api
          .filter((r) => matchPath(r.pattern, pathname) !== null)
          .map((r) => r.method);
        sendError(res, 405, "METHOD_NOT_ALLOWED", `${method} is not supported here`, {
          allow: allow.join(", "),
        });
        return;
      }
      if (badJson) {
        sendError(
          res,
          400,
          "INVALID_REQUEST_BODY",
          "Your request body is invalid. Please check your request headers and object.",
        );
        return;
      }
      try {
        const [status, payload] = route.handler(
          matchPath(route.pattern, pathname) as Params,
          body,
          url.searchParams,
        );
        sendJson(res, status, payload);
      } catch (err) {
        if (err instanceof ApiError) {
          sendError(res, err.status, err.code, err.message, err.headers);
          return;
        }
        throw err;
      }
      return;
    }

    for (const page of pages) {
      const params = matchPath(page.pattern, pathname);
      if (params && page.method === method) {
        page.handler(res, params, url.searchParams, raw);
        return;
      }
    }
    if (pages.some((p) => matchPath(p.pattern, pathname) !== null)) {
      res.writeHead(405, { allow: "GET, POST", "content-type": "text/plain" });
      res.end("Method not allowed");
      return;
    }
    sendError(res, 404, "NOT_FOUND", `No route for ${method} ${pathname}`);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (err instanceof ApiError) {
        sendError(res, err.status, err.code, err.message);
        return;
      }
      sendError(res, 500, "INTERNAL_SERVER_ERROR", "The simulator hit an unexpected error");
      // Surface simulator bugs where a developer will see them.
      console.error("[dodo-simulator]", err);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const displayHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const listenUrl = `http://${displayHost === "0.0.0.0" || displayHost === "[::]" ? "127.0.0.1" : displayHost}:${address.port}`;
  baseUrl = (options.publicUrl ?? listenUrl).replace(/\/+$/, "");

  const sim: Simulator = {
    url: baseUrl,
    apiKey,
    webhookKey,
    businessId,
    get webhookUrl() {
      return webhookUrl;
    },
    requests,
    deliveries: dispatcher.deliveries,
    faults: {
      set: (rules) => faults.set(rules),
      add: (rules) => faults.add(rules),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    state: {
      products: store.products,
      customers: store.customers,
      payments: () => [...store.payments.values()].map((p) => store.toPayment(p)),
      subscriptions: () => [...store.subscriptions.values()].map((s) => store.toSubscription(s)),
    },
    setWebhookUrl(url) {
      if (url !== undefined) {
        const parsed = new URL(url);
        if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
          throw new TypeError(`webhook URL must be http(s): ${url}`);
        }
      }
      webhookUrl = url;
    },
    resend: (deliveryId) => dispatcher.resend(deliveryId),
    waitForDelivery(predicate = () => true, timeoutMs = 5000) {
      return dispatcher.waitFor(predicate, timeoutMs);
    },
    async trigger(type, overrides, plan) {
      if (!isWebhookEventType(type)) throw new TypeError(`Unknown webhook event type: ${type}`);
      if (plan) validateDeliveryPlan(plan);
      const event: WebhookEnvelope<typeof type> = sampleEvent(type, {
        business_id: businessId,
        ...overrides,
      });
      const { record, firstAttempt } = dispatcher.send(event as AnyWebhookEnvelope, plan);
      await firstAttempt;
      return record;
    },
    addProduct: (p) => store.addProduct(p),
    addCustomer: (c) => store.addCustomer(c),
    async close() {
      if (closing) return;
      closing = true;
      dispatcher.close();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
  return sim;
}
