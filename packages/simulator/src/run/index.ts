// `dodo-simulator run`: runs a web app's command, with the simulator when there is no API key.
import { type AppSettings, appSettings, isSet } from "./app.js";
import { Command } from "./command.js";
import { DODO_ENV, PREFIX, type RunOptions, RunUsageError } from "./options.js";
import { type AppSimulator, startForApp } from "./simulator.js";

export { DEFAULT_SIMULATOR_PORT, DODO_ENV, type RunOptions, RunUsageError } from "./options.js";

type Print = (line: string) => void;

/** Polls `url` until it answers with any HTTP status; resolves false if `alive()` turns false. */
async function waitUntilAnswering(url: string, alive: () => boolean): Promise<boolean> {
  while (alive()) {
    // A dev server may take long over its first page (it compiles it): wait, do not re-ask. An
    // unref'd timer (not AbortSignal.timeout), so a pending check never delays the exit.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 60_000);
    timer.unref();
    try {
      const response = await fetch(url, {
        redirect: "manual",
        signal: abort.signal,
        headers: { "user-agent": "dodo-simulator-run (readiness check)", connection: "close" },
      });
      await response.body?.cancel();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300).unref());
    } finally {
      clearTimeout(timer);
    }
  }
  return false;
}

/** With the user's own API key: says so, and that the adapters then default to live mode. */
function announceOwnKey(app: AppSettings, ownEnv: NodeJS.ProcessEnv, out: Print, err: Print): void {
  const source = ownEnv[DODO_ENV.apiKey]
    ? "the environment"
    : (app.fromFiles.get(DODO_ENV.apiKey)?.file ?? "the environment");
  const mode = app.userEnv[DODO_ENV.environment] || "live_mode";
  out(
    `${PREFIX} DODO_PAYMENTS_API_KEY is set (${source}): running against Dodo Payments ${mode}, no simulator.`,
  );
  if (!isSet(app, DODO_ENV.environment))
    err(
      `${PREFIX} DODO_PAYMENTS_ENVIRONMENT is not set, so the adapters use live_mode; set it to test_mode for a test key.`,
    );
}

/** Prints the line to open the app once it answers (unless the command exits first). */
function announceReady(
  app: AppSettings,
  running: () => boolean,
  simulated: AppSimulator | undefined,
  out: Print,
): void {
  void waitUntilAnswering(app.appOrigin, running).then((ready) => {
    if (!ready) return;
    if (simulated)
      out(
        `Demo ready: open ${app.appOrigin} (Dodo Payments simulator on ${simulated.sim.url}, no API key needed)`,
      );
    else
      out(
        `Ready: open ${app.appOrigin} (Dodo Payments ${app.userEnv[DODO_ENV.environment] || "live_mode"}, your API key)`,
      );
  });
}

/**
 * `dodo-simulator run [options] -- <command ...>`: runs a web app's command. With a Dodo Payments
 * API key (in the environment, `.env` or `.env.local`) it only runs the command. Without one it
 * starts the simulator first, points its webhooks at the app, and hands the command the
 * `DODO_PAYMENTS_*` variables that lead the adapters to it. Resolves with the command's exit code.
 */
export async function run(options: RunOptions): Promise<number> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [name, ...args] = options.command;
  if (!name) throw new RunUsageError("missing the command to run, e.g. run -- next dev");
  const ownEnv = options.env ?? process.env;
  const app = appSettings(options, ownEnv);
  const forceSimulator = /^(1|true|yes|always)$/i.test(ownEnv.DODO_SIMULATOR ?? "");
  let simulated: AppSimulator | undefined;
  if (isSet(app, DODO_ENV.apiKey) && !forceSimulator) announceOwnKey(app, ownEnv, out, err);
  else simulated = await startForApp(options, app, ownEnv, { out, err });

  let command: Command;
  try {
    command = Command.spawn(name, args, {
      cwd: options.cwd ?? process.cwd(),
      env: app.childEnv,
      err,
    });
  } catch (e) {
    await simulated?.stop();
    throw e;
  }
  let running = true;
  void command.exited.then(() => {
    running = false;
  });
  announceReady(app, () => running, simulated, out);
  const code = await command.exited;
  running = false;
  await command.cleanUp();
  await simulated?.stop();
  return code;
}
