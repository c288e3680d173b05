/// <reference types="vite/client" />
import { createRootRoute, HeadContent, Link, Outlet, Scripts } from "@tanstack/react-router";
import type { ReactNode } from "react";
import styles from "../styles.css?url";

export const Route = createRootRoute({
  head: () => ({
    meta: [
      { charSet: "utf-8" },
      { name: "viewport", content: "width=device-width, initial-scale=1" },
      { title: "Dodo Payments · TanStack Start example" },
      {
        name: "description",
        content: "Checkout, customer portal and webhooks with @dodopayments/tanstack",
      },
    ],
    links: [
      { rel: "stylesheet", href: styles },
      // Served by src/routes/favicon[.]svg.ts (and favicon[.]ico.ts, for browsers that ask).
      { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
    ],
  }),
  shellComponent: RootDocument,
  component: Outlet,
  notFoundComponent: () => (
    <>
      <h1>Not found</h1>
      <p className="lead">
        Nothing here. <Link to="/">Back to the shop</Link>
      </p>
    </>
  ),
});

function RootDocument({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <HeadContent />
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
        <Scripts />
      </body>
    </html>
  );
}
