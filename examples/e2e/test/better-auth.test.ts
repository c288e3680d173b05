// examples/better-auth: billing for Better Auth users. Its journey is the one a user of the
// plugin takes: sign up (the plugin creates the Dodo customer), subscribe by product slug, pay on
// the simulator's page, see the webhook arrive for that user, verify the email (billing needs a
// verified address), open the portal for the user's own customer.
import { describe, expect, it } from "vitest";
import { exampleHarness, type Journey } from "../src/flows.js";

describe("examples/better-auth in Chromium, production build", () => {
  const { app, journey, onSimulator, onApp, openHome, pay, seeEvent } =
    exampleHarness("better-auth");

  async function signUp(j: Journey, email: string): Promise<void> {
    await j.step("signed-up", async () => {
      const form = j.page.getByRole("form", { name: "Sign up" });
      await form.getByLabel("Name").fill("Ada Lovelace");
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Password").fill("correct horse battery staple");
      await form.getByRole("button", { name: "Sign up", exact: true }).click();
      await expect.poll(() => j.page.getByTestId("signed-in-as").textContent()).toContain(email);
      expect(await j.page.getByTestId("email-status").textContent()).toContain("not verified");
    });
  }

  it("signs up, subscribes, pays on the simulator, sees the webhook, verifies the email, opens the portal", () =>
    journey("sign-up-subscribe-portal", async (j) => {
      const email = `ada-${Date.now()}@example.com`;
      await openHome(j);
      await signUp(j, email);

      await j.step("checkout-page", async () => {
        const plan = j.page.locator('[data-testid="product"][data-product-type="subscription"]');
        await Promise.all([
          j.page.waitForURL(onSimulator),
          plan.getByRole("button", { name: "Subscribe", exact: true }).click(),
        ]);
        // The checkout session carries the signed-in user's email, set on the server.
        expect(await j.page.getByLabel("Email").inputValue()).toBe(email);
      });
      const subscriptionId = await pay(j, { status: "active", idPrefix: "sub_" });
      await seeEvent(j, "subscription.active", subscriptionId);
      await j.step("event-user", async () => {
        // The handler found the user by the customer id the plugin stored at sign-up.
        const row = j.page.getByTestId("event").filter({ hasText: subscriptionId });
        expect(await row.getByTestId("event-user").textContent()).toBe(email);
      });

      await j.step("billing-needs-verified-email", async () => {
        await j.page.goto(app().url("/"));
        await j.page.getByRole("button", { name: "Manage billing", exact: true }).click();
        await expect
          .poll(() => j.page.getByTestId("billing-error").textContent())
          .toContain("Verify your email address first");
      });
      await j.step("email-verified", async () => {
        await j.page.goto(app().url("/inbox"));
        const link = j.page.locator(`[data-testid="email-link"][data-to="${email}"]`);
        await Promise.all([j.page.waitForURL(onApp("/")), link.click()]);
        await expect
          .poll(() => j.page.getByTestId("email-status").textContent())
          .toBe("Email verified.");
        // The subscriptions list (authClient.dodopayments.customer.subscriptions.list) has it.
        await expect
          .poll(() => j.page.getByTestId("subscription-status").allTextContents())
          .toEqual(["active"]);
      });

      await j.step("portal", async () => {
        await Promise.all([
          j.page.waitForURL((url) => onSimulator(url) && url.pathname.startsWith("/portal/")),
          j.page.getByRole("button", { name: "Manage billing", exact: true }).click(),
        ]);
        expect(await j.page.getByTestId("customer-email").textContent()).toBe(email);
        expect(await j.page.getByRole("row").filter({ hasText: subscriptionId }).count()).toBe(1);
      });
    }));
});
