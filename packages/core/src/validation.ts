import type * as z from "zod";
import { type FieldError, invalidInput } from "./http";

export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "body",
    message: issue.message,
  }));
}

/** Parses with a schema or throws the 400 that names every invalid field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, title?: string): T {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(fieldErrors(result.error), title);
  return result.data;
}

const ID = /^(?!\.\.?$)[A-Za-z0-9_.~-]+$/;
export const MAX_ID_LENGTH = 200;
export const ID_FORMAT_MESSAGE = "must be an id (letters, digits, _ - . ~), not . or ..";

/**
 * Why a value is not an id that can stand as one segment of an API path (`/products/{id}`), or
 * undefined when it is one: URL-unreserved characters only, and never `.` or `..`, which a URL
 * resolver treats as a step up the path rather than as a name.
 */
export function idProblem(value: string): string | undefined {
  if (value.length === 0) return "is required";
  if (value.length > MAX_ID_LENGTH) return "is too long";
  if (!ID.test(value)) return ID_FORMAT_MESSAGE;
  return undefined;
}
