import { connection } from "next/server";
import { listEvents } from "@/lib/events";
import { AutoRefresh } from "./auto-refresh";

export default async function Events() {
  await connection(); // rendered per request, never at build time
  const events = listEvents();
  return (
    <>
      <h1>Webhook events</h1>
      <p className="lead">
        Verified webhooks received by <code>/api/auth/dodopayments/webhooks</code>, newest first.
        This page refreshes itself.
      </p>
      <AutoRefresh seconds={2} />
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
              <th>User</th>
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
                <td data-testid="event-user">{event.userEmail ?? ""}</td>
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
