import { createFileRoute, useRouter } from "@tanstack/react-router";
import { createServerFn } from "@tanstack/react-start";
import { useEffect } from "react";
import { listEvents } from "@/lib/events";

// Runs on the server: the page's loader calls it directly during server rendering and over
// HTTP after that.
const getEvents = createServerFn({ method: "GET" }).handler(() => [...listEvents()]);

export const Route = createFileRoute("/events")({
  loader: () => getEvents(),
  component: Events,
});

function Events() {
  const events = Route.useLoaderData();
  const router = useRouter();
  // Runs the loader again every 2 s, so new webhooks show up by themselves.
  useEffect(() => {
    const timer = setInterval(() => void router.invalidate(), 2000);
    return () => clearInterval(timer);
  }, [router]);
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
