// "A value now, or a promise of it": the one spelling, for the callbacks you pass (which may return
// any thenable) and for core's own steps. The webhook path is synchronous wherever node:crypto is
// available and the body is already in memory; `after` keeps it so instead of adding a promise and
// a microtask per step.
export type MaybePromise<T> = T | PromiseLike<T>;

/** Whether a value is a promise or another thenable. */
export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | undefined)?.then === "function";

/**
 * `next(value)` now, or once the promise settles (as a native promise); `failed` answers a
 * rejection instead of passing it on.
 */
export const after = <T, U>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<U>,
  failed?: (error: unknown) => MaybePromise<U>,
): MaybePromise<U> =>
  isThenable(value) ? Promise.resolve(value).then(next, failed) : next(value as T);
