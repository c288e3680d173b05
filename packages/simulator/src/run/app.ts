// Where the app is and what it was given: the user's settings, the app URL, the command's env.
import { readDotenvFiles } from "./dotenv.js";
import { type RunOptions, RunUsageError } from "./options.js";

/** The app the launcher runs, as the user's settings describe it. */
export interface AppSettings {
  /** What the user set: the environment over `.env.local` over `.env`. */
  userEnv: Record<string, string>;
  /** The file each value read from a dotenv file came from. */
  fromFiles: ReturnType<typeof readDotenvFiles>;
  /** The app's origin, without a trailing slash. */
  appOrigin: string;
  webhookPath: string;
  /** The command's environment, completed by the simulator when it runs. */
  childEnv: NodeJS.ProcessEnv;
}

export function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname === "[::1]" ||
    hostname === "::1" ||
    /^127(?:\.\d{1,3}){3}$/.test(hostname)
  );
}

/** True when `name` is set to something in the user's settings. */
export const isSet = (app: AppSettings, name: string): boolean =>
  app.userEnv[name] !== undefined && app.userEnv[name] !== "";

function userSettings(cwd: string, ownEnv: NodeJS.ProcessEnv) {
  const fromFiles = readDotenvFiles(cwd);
  const userEnv: Record<string, string> = {};
  for (const [key, { value }] of fromFiles) userEnv[key] = value;
  for (const [key, value] of Object.entries(ownEnv)) if (value !== undefined) userEnv[key] = value;
  return { fromFiles, userEnv };
}

function parseAppUrl(text: string): URL {
  let appUrl: URL;
  try {
    appUrl = new URL(text);
  } catch {
    throw new RunUsageError(`--app-url is not a valid URL: ${text}`);
  }
  if (appUrl.protocol !== "http:" && appUrl.protocol !== "https:")
    throw new RunUsageError(`--app-url must be an http:// or https:// URL: ${text}`);
  return appUrl;
}

/** Reads the user's settings and works out the app URL and the command's PORT and HOST. */
export function appSettings(options: RunOptions, ownEnv: NodeJS.ProcessEnv): AppSettings {
  const { fromFiles, userEnv } = userSettings(options.cwd ?? process.cwd(), ownEnv);
  const port = userEnv.PORT ?? "3000";
  const appUrl = parseAppUrl(options.appUrl ?? userEnv.DODO_APP_URL ?? `http://localhost:${port}`);
  const webhookPath = options.webhookPath ?? "/api/webhook";
  if (!webhookPath.startsWith("/"))
    throw new RunUsageError(`--webhook-path must start with /: ${webhookPath}`);

  const childEnv: NodeJS.ProcessEnv = { ...userEnv };
  const loopback = isLoopback(appUrl.hostname);
  // The app listens where an app URL given explicitly says, unless PORT says otherwise.
  const explicitAppUrl = options.appUrl !== undefined || userEnv.DODO_APP_URL !== undefined;
  if (explicitAppUrl && userEnv.PORT === undefined && appUrl.port !== "" && loopback)
    childEnv.PORT = appUrl.port;
  // A loopback app URL means the app is for this machine: HOST (read by Nuxt, Astro's Node server
  // and most Node servers) makes it listen there, not on every interface. A HOST you set wins.
  if (userEnv.HOST === undefined && loopback)
    childEnv.HOST = appUrl.hostname.replace(/^\[(.*)\]$/, "$1");
  const appOrigin = appUrl.toString().replace(/\/+$/, "");
  return { userEnv, fromFiles, appOrigin, webhookPath, childEnv };
}
