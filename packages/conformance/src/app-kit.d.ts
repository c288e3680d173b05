import type { WebhookEventHandlers, WebhookHandlerConfig } from "@dodopayments/core/webhooks";

export declare const clientOptions: { timeoutMs: number; maxRetries: number };
export declare const SESSION_HEADER: "x-test-session";
export declare function customerIdFromSession(
  headers: Headers | Record<string, string | string[] | undefined>,
): string | null;

export interface RecordedEvent {
  handler: "onPayload" | "onPaymentSucceeded" | "onSubscriptionActive";
  type: string;
  webhookId: string;
  businessId?: string;
  paymentId?: string;
  subscriptionId?: string;
  rawBodyLength?: number;
}
export declare function recordedEvents(): RecordedEvent[];
export declare const webhookHandlers: Pick<WebhookHandlerConfig, "onPayload"> &
  Pick<WebhookEventHandlers, "onPaymentSucceeded" | "onSubscriptionActive">;
export declare function eventsResponse(): Response;
