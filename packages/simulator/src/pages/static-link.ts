// Static payment links: GET /buy/:productId?quantity=&email=&redirect_url=&...
import type { ServerResponse } from "node:http";
import { absoluteUrl } from "../api/input.js";
import type { SimulatorContext } from "../context.js";
import { route } from "../http/router.js";
import { isPayWhatYouWant, unitPrice } from "../products.js";
import type { CountryCode, Metadata, Product } from "../sdk-types.js";
import type { CartLine, CheckoutRecord } from "../store/index.js";
import { newId } from "../util.js";
import { showCheckout } from "./checkout.js";
import { type PageRoute, showMessage } from "./page.js";

/** The link's query parameter that locks a checkout field, by field. */
const LOCKS: ReadonlyArray<[param: string, field: string]> = [
  ["disableFullName", "name"],
  ["disableFirstName", "name"],
  ["disableLastName", "name"],
  ["disableEmail", "email"],
  ["disableCountry", "country"],
  ["disableAddressLine", "street"],
  ["disableCity", "city"],
  ["disableState", "state"],
  ["disableZipCode", "zipcode"],
];

/** A problem with the link itself, shown as a 400 page. */
class LinkError extends Error {}

function cartLine(product: Product, q: URLSearchParams): CartLine {
  const quantityText = q.get("quantity");
  const quantity = quantityText === null ? 1 : Number(quantityText);
  if (!Number.isInteger(quantity) || quantity < 1) {
    throw new LinkError("quantity must be a whole number of at least 1.");
  }
  const line: CartLine = { product, quantity };
  const amountText = q.get("paymentAmount");
  if (amountText !== null && isPayWhatYouWant(product)) {
    const amount = Number(amountText);
    if (!Number.isInteger(amount) || amount < unitPrice(product)) {
      throw new LinkError(`paymentAmount must be an integer of at least ${unitPrice(product)}.`);
    }
    line.amount = amount;
  }
  return line;
}

function returnUrlOf(q: URLSearchParams): string | null {
  const redirectUrl = q.get("redirect_url");
  if (!redirectUrl) return null;
  try {
    return absoluteUrl(redirectUrl, "redirect_url");
  } catch {
    throw new LinkError("redirect_url is not a valid absolute URL.");
  }
}

/** The prefilled customer and billing fields of a link. */
function prefill(q: URLSearchParams): Pick<CheckoutRecord, "customer" | "billing"> {
  const first = q.get("firstName");
  const last = q.get("lastName");
  const name =
    first || last ? [first, last].filter(Boolean).join(" ") : (q.get("fullName") ?? undefined);
  const country = q.get("country");
  return {
    customer: { email: q.get("email") ?? undefined, name },
    billing: {
      country:
        country && /^[A-Za-z]{2}$/.test(country)
          ? (country.toUpperCase() as CountryCode)
          : undefined,
      street: q.get("addressLine"),
      city: q.get("city"),
      state: q.get("state"),
      zipcode: q.get("zipCode"),
    },
  };
}

/** Opens a checkout for one product from a static link's query. Throws `LinkError`. */
function openStaticLink(
  ctx: SimulatorContext,
  product: Product,
  q: URLSearchParams,
): CheckoutRecord {
  const line = cartLine(product, q);
  const returnUrl = returnUrlOf(q);
  const metadata: Metadata = {};
  for (const [k, v] of q) if (k.startsWith("metadata_") && k.length > 9) metadata[k.slice(9)] = v;
  return ctx.store.openCheckout({
    id: newId("sess"),
    kind: "static_link",
    lines: [line],
    ...prefill(q),
    returnUrl,
    metadata,
    lockedFields: LOCKS.filter(([param]) => q.get(param) === "true").map(([, field]) => field),
    showDiscounts: q.get("showDiscounts") !== "false",
    displayCurrency: q.get("paymentCurrency"),
  });
}

function buy(
  ctx: SimulatorContext,
  res: ServerResponse,
  productId: string,
  q: URLSearchParams,
): void {
  const product = ctx.store.products.get(productId);
  if (!product) {
    showMessage(res, 404, "Product not found", `There is no product ${productId}.`);
    return;
  }
  let checkout: CheckoutRecord;
  try {
    checkout = openStaticLink(ctx, product, q);
  } catch (err) {
    if (!(err instanceof LinkError)) throw err;
    showMessage(res, 400, "Invalid link", err.message);
    return;
  }
  showCheckout(ctx, res, checkout);
}

export function staticLinkRoutes(ctx: SimulatorContext): PageRoute[] {
  return [
    route("GET", "/buy/:productId", (res, { params, query }) =>
      buy(ctx, res, params.productId as string, query),
    ),
  ];
}
