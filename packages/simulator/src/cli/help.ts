/** `dodo-simulator --help`. */
export const HELP = `dodo-simulator: a local Dodo Payments API for tests and demos

Usage:
  dodo-simulator start [options]
      --port N               port to listen on (default 0: a free port)
      --host H               interface (default 127.0.0.1)
      --api-key K            bearer token the API accepts (default: random sim_test_...)
      --webhook-url URL      where to POST webhooks
      --webhook-key whsec_   signing key (default: random)
      --products FILE        JSON file of products (array or { "products": [...] })
      --business-id ID       business_id in objects and webhooks (default bus_simulator)
      --retry-delays LIST    webhook retry delays in ms, comma separated (default 1000,2000,4000,8000)

  dodo-simulator run [options] -- <command ...>
      Runs your app's command (e.g. next dev). Without DODO_PAYMENTS_API_KEY (in the environment,
      .env or .env.local) it first starts the simulator, sends its webhooks to the app, and gives
      the command DODO_PAYMENTS_API_KEY, _BASE_URL, _WEBHOOK_KEY, _ENVIRONMENT=test_mode and
      _RETURN_URL=<app-url>/success (values you set yourself are kept). With a key it only runs
      the command. Either way a loopback app URL sets HOST (e.g. localhost) unless you did, so
      the app listens on this machine only. Forwards Ctrl+C / SIGTERM and exits with the
      command's exit code.
      --port N               simulator port (default DODO_SIMULATOR_PORT, else 8787)
      --app-url URL          where the app answers (default DODO_APP_URL, else http://localhost:$PORT,
                             PORT defaulting to 3000)
      --webhook-path PATH    the app's webhook route (default /api/webhook)
      --products FILE        JSON file of products to seed instead of the demo products
      DODO_SIMULATOR=1       start the simulator even when an API key is set

  dodo-simulator trigger <event-type> --url URL --key whsec_... [--data JSON] [--business-id ID]
      Sends one signed, realistic event to URL. Exits 0 on a 2xx answer, 1 otherwise.

  dodo-simulator events      lists the event types trigger accepts
  dodo-simulator --help      shows this help

Exit codes: 0 success, 1 the endpoint did not answer 2xx (trigger), 2 bad arguments;
run exits with the command's code (127 if it cannot be found).
`;
