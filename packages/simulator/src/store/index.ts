// The simulator's in-memory data: records, the Store, and what the checkout's buttons do to it.
export { completeCheckout, failCheckout } from "./checkout.js";
export * from "./records.js";
export { Store } from "./store.js";
export * from "./views.js";
