import { connection } from "next/server";
import { listEmails } from "@/lib/outbox";

// DEMO ONLY: the emails the app "sent" (lib/outbox.ts), so the demo needs no mail server.
export default async function Inbox() {
  await connection(); // rendered per request, never at build time
  const emails = listEmails();
  return (
    <>
      <h1>Inbox</h1>
      <p className="lead">
        Demo only: the emails this app would have sent, newest first. Billing needs a verified email
        address, because Dodo Payments knows customers by email.
      </p>
      {emails.length === 0 ? (
        <p className="card muted" data-testid="inbox-empty">
          No emails yet. Sign up first.
        </p>
      ) : (
        <ul className="products">
          {emails.map((email) => (
            <li key={email.url} className="card" data-testid="email">
              <span className="kind">To {email.to}</span>
              <h2>{email.subject}</h2>
              <p>Open this link to confirm the address is yours.</p>
              <a href={email.url} data-testid="email-link" data-to={email.to}>
                Verify email address
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
