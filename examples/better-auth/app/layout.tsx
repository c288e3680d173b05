import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: "Dodo Payments · Better Auth example",
  description: "Billing for signed-in users with @dodopayments/better-auth",
  // Served by app/favicon.svg/route.ts (and app/favicon.ico/route.ts, for browsers that ask).
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>
          <nav>
            <Link className="brand" href="/">
              Demo app
            </Link>
            <Link href="/">Plans</Link>
            <Link href="/events">Webhook events</Link>
            <Link href="/inbox">Inbox</Link>
            <span className="mode">test mode</span>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
