import { listEvents } from "../utils/events";

// GET /api/events: the received webhook events, newest first, for the /events page (Vue pages
// run apart from server/, so they read server data through a route).
export default defineEventHandler(() => listEvents());
