// Type-only aliases for the official SDK's response and request shapes. Every JSON object the
// simulator sends is checked against one of these with `satisfies`, so a drift between the
// simulator and the SDK the adapters use is a compile error, not a surprise at run time.
import type DodoPayments from "dodopayments";

export type BillingAddress = DodoPayments.BillingAddress;
export type CheckoutSessionCreateParams = DodoPayments.CheckoutSessionCreateParams;
export type CheckoutSessionResponse = DodoPayments.CheckoutSessionResponse;
export type CheckoutSessionStatus = DodoPayments.CheckoutSessionStatus;
export type CountryCode = DodoPayments.CountryCode;
export type Currency = DodoPayments.Currency;
export type Customer = DodoPayments.Customer;
export type CustomerLimitedDetails = DodoPayments.CustomerLimitedDetails;
export type CustomerPortalSession = DodoPayments.CustomerPortalSession;
export type CustomerRequest = DodoPayments.CustomerRequest;
export type IntentStatus = DodoPayments.IntentStatus;
export type Metadata = DodoPayments.Metadata;
export type Payment = DodoPayments.Payment;
export type PaymentCreateParams = DodoPayments.PaymentCreateParams;
export type PaymentCreateResponse = DodoPayments.PaymentCreateResponse;
export type PaymentListResponse = DodoPayments.PaymentListResponse;
export type Price = DodoPayments.Price;
export type Product = DodoPayments.Product;
export type ProductListResponse = DodoPayments.ProductListResponse;
export type Subscription = DodoPayments.Subscription;
export type SubscriptionCreateParams = DodoPayments.SubscriptionCreateParams;
export type SubscriptionCreateResponse = DodoPayments.SubscriptionCreateResponse;
export type SubscriptionListResponse = DodoPayments.SubscriptionListResponse;
export type SubscriptionStatus = DodoPayments.SubscriptionStatus;
export type TaxCategory = DodoPayments.TaxCategory;
export type TimeInterval = DodoPayments.TimeInterval;
export type UnwrapWebhookEvent = DodoPayments.UnwrapWebhookEvent;
export type WebhookEventType = DodoPayments.WebhookEventType;
export type WebhookPayload = DodoPayments.WebhookPayload;

// The `data` object of each webhook payload type, as the SDK declares it (with `payload_type`).
export type PaymentData = DodoPayments.WebhookPayload.Payment;
export type SubscriptionData = DodoPayments.WebhookPayload.Subscription;
export type RefundData = DodoPayments.WebhookPayload.Refund;
export type DisputeData = DodoPayments.WebhookPayload.Dispute;
export type LicenseKeyData = DodoPayments.WebhookPayload.LicenseKey;
export type PayoutData = DodoPayments.WebhookPayload.Payout;
export type CreditLedgerEntryData = DodoPayments.WebhookPayload.CreditLedgerEntry;
export type CreditBalanceLowData = DodoPayments.WebhookPayload.CreditBalanceLow;
export type AbandonedCheckoutData = DodoPayments.WebhookPayload.AbandonedCheckout;
export type DunningAttemptData = DodoPayments.WebhookPayload.DunningAttempt;
export type EntitlementGrantData = DodoPayments.WebhookPayload.EntitlementGrant;
