import type { Logger } from "@dodopayments/core";
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
  requestBodyMatches?: boolean;
}
export interface RecordedLog {
  handler: "log";
  level: "warn" | "error";
  message: string;
  withError: boolean;
}
export declare function recordedEvents(): Array<RecordedEvent | RecordedLog>;
export declare const recordingLogger: Logger;
export declare const webhookHandlers: Pick<WebhookHandlerConfig, "onPayload" | "logger"> &
  Pick<WebhookEventHandlers, "onPaymentSucceeded" | "onSubscriptionActive">;
export declare function eventsResponse(): Response;
