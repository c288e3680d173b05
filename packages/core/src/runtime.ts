// What checkout and the customer portal need only once a request arrives: the Dodo SDK (through
// the client and the API operations) and the zod schemas. Loaded by `onFirstUse` (./lazy), so
// that importing a handler, an adapter or a webhook route loads neither.

export * from "./checkout/operations";
export * from "./checkout/schemas";
export * from "./client";
export * from "./portal/operations";
export * from "./portal/schemas";
