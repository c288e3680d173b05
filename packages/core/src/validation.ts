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
