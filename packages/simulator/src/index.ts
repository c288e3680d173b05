// One `signWebhook` for every package: core's (async), as the adapters export it.
export {
  type SignWebhookOptions,
  signWebhook,
  type WebhookHeaders,
} from "@dodopayments/core/webhooks";
export type {
  DeliveryAttempt,
  DeliveryRecord,
  DeliveryState,
} from "./delivery.js";
export {
  type AttemptMode,
  type DeliveryPlan,
  validateDeliveryPlan,
} from "./delivery-plan.js";
export {
  type AnyWebhookEnvelope,
  isWebhookEventType,
  type SampleEventOverrides,
  sampleEvent,
  sampleWebhookPayload,
  WEBHOOK_EVENT_TYPES,
  type WebhookEnvelope,
  type WebhookEventDataMap,
} from "./events.js";
export { type FaultRule, validateFaultRule } from "./faults.js";
export type { RecordedRequest } from "./http/recorder.js";
export {
  DEFAULT_PRODUCTS,
  loadProductsFile,
  type ProductInput,
  type ProductSeed,
} from "./products.js";
export type { WebhookEventType } from "./sdk-types.js";
export {
  type Simulator,
  type SimulatorFaults,
  type SimulatorOptions,
  type SimulatorState,
  startSimulator,
} from "./simulator.js";
export { type CustomerInput, DEFAULT_CUSTOMERS } from "./store/index.js";
export {
  adapterOptions,
  type RecordingLogger,
  recordingLogger,
  type SampleWebhookFormat,
  type SignedSampleWebhook,
  type SignedSampleWebhookOptions,
  type SignedWebhookHeaders,
  type SimulatorAdapterOptions,
  signedSampleWebhook,
} from "./testing.js";
export { generateWebhookKey } from "./util.js";
