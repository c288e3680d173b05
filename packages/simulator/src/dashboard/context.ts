import type { WebhookDispatcher } from "../delivery.js";
import type { FaultRegistry } from "../faults.js";
import type { RecordedRequest } from "../http/recorder.js";
import type { Customer, Payment, Product, Subscription } from "../sdk-types.js";

/** Where the dashboard lives, under the loopback-only `/_sim` control routes. */
export const DASHBOARD_PATH = "/_sim/dashboard";

/** Everything the dashboard reads and changes, handed over by the simulator's HTTP server. */
export interface DashboardContext {
  /** The simulator's base URL (its host is accepted in the `Host` header besides loopback names). */
  baseUrl: string;
  businessId: string;
  /** The API request log, oldest first. */
  requests: readonly RecordedRequest[];
  /** Calls `listener` whenever a request is recorded or answered; returns an unsubscribe. */
  onRequestsChange(listener: () => void): () => void;
  /** The webhook sender: its delivery log, `send`, `resend` and `subscribe`. */
  dispatcher: WebhookDispatcher;
  faults: FaultRegistry;
  state: {
    products: ReadonlyMap<string, Product>;
    customers: ReadonlyMap<string, Customer>;
    payments(): Payment[];
    subscriptions(): Subscription[];
  };
  getWebhookUrl(): string | undefined;
  /** Validates and sets the webhook URL (throws a TypeError on a bad one). */
  setWebhookUrl(url: string | undefined): void;
}
