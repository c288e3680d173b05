/** Where the dashboard lives, under the loopback-only `/_sim` control routes. */
export const DASHBOARD_PATH = "/_sim/dashboard";
