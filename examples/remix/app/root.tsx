import type { ReactNode } from "react";
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";
import "./app.css";

export function meta() {
  return [
    { title: "Dodo Payments · React Router example" },
    {
      name: "description",
      content: "Checkout, customer portal and webhooks with @dodopayments/remix",
    },
  ];
}

// Served by app/routes/favicon.ts (at /favicon.ico too, for browsers that ask).
export const links = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header>
          <nav>
            <Link className="brand" to="/">
              Demo shop
            </Link>
            <Link to="/">Products</Link>
            <Link to="/events">Webhook events</Link>
            <span className="mode">test mode</span>
          </nav>
        </header>
        <main>{children}</main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}
