// `dodo-simulator trigger <event-type> --url URL --key whsec_...`

import { parseArgs } from "node:util";
import { signWebhook } from "@dodopayments/core/webhooks";
import {
  isWebhookEventType,
  type SampleEventOverrides,
  sampleEvent,
  WEBHOOK_EVENT_TYPES,
} from "../events.js";
import { closest, isRecord } from "../util.js";
import { postBody } from "../webhook-post.js";
import { fail, parseKey, parseUrl } from "./args.js";
import { HELP } from "./help.js";

function unknownEvent(type: string): never {
  const suggestion = closest(type, WEBHOOK_EVENT_TYPES);
  const some = [
    "payment.succeeded",
    "subscription.active",
    "refund.succeeded",
    "license_key.created",
  ];
  fail(
    `unknown event type "${type}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; valid types include ${some.join(", ")} (run "dodo-simulator events" for all ${WEBHOOK_EVENT_TYPES.length})`,
  );
}

/** --data: a JSON object of `data` fields to override. */
function parseData(value: string | undefined): SampleEventOverrides["data"] {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) fail("--data must be a JSON object of data fields to override");
  return parsed as SampleEventOverrides["data"];
}

export async function trigger(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: "string" },
      key: { type: "string" },
      data: { type: "string" },
      "business-id": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [type, ...extra] = positionals;
  if (!type)
    fail("missing <event-type>, e.g. dodo-simulator trigger payment.succeeded --url ... --key ...");
  if (extra.length > 0) fail(`unexpected argument: ${extra[0]}`);
  if (!isWebhookEventType(type)) unknownEvent(type);
  const url = parseUrl(values.url, "--url");
  const key = parseKey(values.key, "--key");
  const event = sampleEvent(type, {
    business_id: values["business-id"],
    data: parseData(values.data),
  });
  const body = JSON.stringify(event);
  const headers = await signWebhook({ body, webhookKey: key });
  try {
    const result = await postBody(url, body, { ...headers }, 15_000);
    const ok = result.status >= 200 && result.status < 300;
    process.stdout.write(
      `${type} ${headers["webhook-id"]} -> ${url}: ${result.status}${ok ? "" : ` ${result.body.slice(0, 200)}`}\n`,
    );
    return ok ? 0 : 1;
  } catch (err) {
    process.stdout.write(
      `${type} ${headers["webhook-id"]} -> ${url}: failed (${(err as Error).message})\n`,
    );
    return 1;
  }
}
