import { useEffect } from "react";
import { useRevalidator } from "react-router";
import { demoSession } from "../lib/demo-session";
import { listEvents } from "../lib/events";
import type { Route } from "./+types/events";

export const middleware: Route.MiddlewareFunction[] = [demoSession];

// Rendered per request on the server; the list itself is in lib/events.ts.
export function loader() {
  return { events: listEvents() };
}

export function meta() {
  return [{ title: "Webhook events · Dodo Payments · React Router example" }];
}

/** Reloads the loader's data every few seconds, so new webhooks show up by themselves. */
function useAutoRefresh(seconds: number) {
  const { revalidate } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => void revalidate(), seconds * 1000);
    return () => clearInterval(timer);
  }, [revalidate, seconds]);
}

export default function Events({ loaderData }: Route.ComponentProps) {
  useAutoRefresh(2);
  const { events } = loaderData;
  return (
    <>
      <h1>Webhook events</h1>
      <p className="lead">
        Verified webhooks received by <code>/api/webhook</code>, newest first. This page refreshes
        itself.
      </p>
      {events.length === 0 ? (
        <p className="card muted" data-testid="events-empty">
          No events yet. Buy something, then come back.
        </p>
      ) : (
        <table data-testid="events">
          <thead>
            <tr>
              <th>Type</th>
              <th>Webhook id</th>
              <th>About</th>
              <th className="nowrap">Received</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.webhookId} data-testid="event">
                <td data-testid="event-type">
                  <code>{event.type}</code>
                </td>
                <td data-testid="event-id">
                  <code>{event.webhookId}</code>
                </td>
                <td data-testid="event-object">
                  <code>{event.objectId ?? ""}</code>
                </td>
                <td className="nowrap" data-testid="event-time">
                  <time dateTime={event.receivedAt}>
                    {event.receivedAt.slice(0, 19).replace("T", " ")} UTC
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
