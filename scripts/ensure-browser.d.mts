// Types of ensure-browser.mjs, for the browser test suites that import it.

export declare const DEFAULT_CHROMIUM: string;
export declare const ENV_VAR: "DODO_CHROMIUM_PATH";

type Env = Record<string, string | undefined>;

/** The Chromium the browser tests launch: $DODO_CHROMIUM_PATH, else /usr/bin/chromium. */
export declare function chromiumPath(env?: Env): string;

/** The one line printed (and thrown by the browser tests) when there is no Chromium. */
export declare function missingHint(path: string, env?: Env): string;

export interface Machine {
  env: Env;
  isExecutable(path: string): boolean;
  isRoot(): boolean;
  hasCommand(command: string): boolean;
  run(command: string, args: string[], extraEnv?: Record<string, string>): number;
  probe(command: string, args: string[]): number;
  log(line: string): void;
}

export declare const system: Machine;

export type EnsureResult = { ok: true; path: string } | { ok: false; hint: string };

export declare function ensureBrowser(
  options?: { install?: boolean },
  machine?: Machine,
): EnsureResult;

/** Flags every browser test launches Chromium with: headless, and no traffic of its own. */
export declare const CHROMIUM_ARGS: readonly string[];

/**
 * Launch options for playwright-core's `chromium.launch()`: the Chromium found by `ensureBrowser`
 * (never installed from here) and `CHROMIUM_ARGS`. Throws the one-line hint when there is none.
 */
export declare function chromiumLaunchOptions(machine?: Machine): {
  executablePath: string;
  args: string[];
};
