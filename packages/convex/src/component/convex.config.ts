import { defineComponent } from "convex/server";

/** The Dodo Payments component: `app.use(dodopayments)` in your `convex/convex.config.ts`. */
const component = defineComponent("dodopayments");

export default component;
