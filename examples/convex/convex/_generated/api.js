/* Stand-in for the file `npx convex dev` generates: see api.d.ts. */
import { anyApi, componentsGeneric } from "convex/server";

export const api = anyApi;
export const internal = anyApi;
export const components = componentsGeneric();
