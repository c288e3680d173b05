// The webhook path is synchronous wherever node:crypto is available and the body is already in
// memory; these keep it so instead of adding a promise and a microtask per step.
export type MaybePromise<T> = T | Promise<T>;

/** `next(value)` now, or once the promise settles; `failed` answers a rejection instead of passing it on. */
export const after = <T, U>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<U>,
  failed?: (error: unknown) => MaybePromise<U>,
): MaybePromise<U> => (value instanceof Promise ? value.then(next, failed) : next(value));
