// DEMO ONLY: the emails this app would send, kept in memory and shown on /inbox so the demo runs
// without a mail server. In your app, send them (Resend, Postmark, SES, nodemailer, ...) from
// `sendVerificationEmail` in lib/auth.ts.

export interface SentEmail {
  to: string;
  subject: string;
  /** The link the email asks the user to open. */
  url: string;
  sentAt: string;
}

// On globalThis: one outbox per process, however many times Next.js loads this module.
const key = Symbol.for("dodopayments.example.outbox");
const store = globalThis as typeof globalThis & { [key]?: SentEmail[] };
store[key] ??= [];
const outbox: SentEmail[] = store[key];

export function sendEmail(email: Omit<SentEmail, "sentAt">): void {
  outbox.unshift({ ...email, sentAt: new Date().toISOString() });
  outbox.splice(50);
}

/** Newest first. */
export function listEmails(): readonly SentEmail[] {
  return outbox;
}
