import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ensureBrowser, type Machine } from "../../../scripts/ensure-browser.mjs";

const SCRIPT = fileURLToPath(new URL("../../../scripts/ensure-browser.mjs", import.meta.url));

/** A machine where Chromium appears at `installsAt` once `apt-get install` ran. */
function fakeMachine(opts: {
  env?: Record<string, string>;
  present?: string[];
  root?: boolean;
  apt?: boolean;
  aptFails?: boolean;
  installsAt?: string;
}) {
  const present = new Set(opts.present ?? []);
  const commands: string[] = [];
  const machine: Machine = {
    env: opts.env ?? {},
    isExecutable: (path) => present.has(path),
    isRoot: () => opts.root ?? true,
    hasCommand: (command) => command === "apt-get" && (opts.apt ?? true),
    run: (command, args) => {
      commands.push([command, ...args].join(" "));
      if (opts.aptFails) return 100;
      if (args[0] === "install" && opts.installsAt) present.add(opts.installsAt);
      return 0;
    },
    probe: (command) => (present.has(command) ? 0 : 1),
    log: () => {},
  };
  return { machine, commands };
}

describe("scripts/ensure-browser.mjs (the browser the browser tests need)", () => {
  it("uses /usr/bin/chromium when it is there, and installs nothing", () => {
    const { machine, commands } = fakeMachine({ present: ["/usr/bin/chromium"] });
    expect(ensureBrowser({}, machine)).toEqual({ ok: true, path: "/usr/bin/chromium" });
    expect(commands).toEqual([]);
  });

  it("uses DODO_CHROMIUM_PATH when set", () => {
    const { machine } = fakeMachine({
      env: { DODO_CHROMIUM_PATH: "/opt/chromium/chrome" },
      present: ["/opt/chromium/chrome"],
    });
    expect(ensureBrowser({}, machine)).toEqual({ ok: true, path: "/opt/chromium/chrome" });
  });

  it("as root with apt-get, installs Debian's chromium (apt-get update first)", () => {
    const { machine, commands } = fakeMachine({ installsAt: "/usr/bin/chromium" });
    expect(ensureBrowser({}, machine)).toEqual({ ok: true, path: "/usr/bin/chromium" });
    expect(commands).toEqual(["apt-get update -qq", "apt-get install -y -qq chromium"]);
  });

  it("never installs in place of a DODO_CHROMIUM_PATH that is missing", () => {
    const { machine, commands } = fakeMachine({
      env: { DODO_CHROMIUM_PATH: "/nonexistent" },
      installsAt: "/usr/bin/chromium",
    });
    const result = ensureBrowser({}, machine);
    expect(result.ok).toBe(false);
    expect(commands).toEqual([]);
  });

  it.each([
    ["not root", { root: false }],
    ["no apt-get", { apt: false }],
    ["apt-get fails", { aptFails: true }],
    ["apt-get installs nothing usable", {}],
  ])("without a browser and no way to install one (%s): one line that says how", (_, opts) => {
    const { machine } = fakeMachine(opts);
    const result = ensureBrowser({}, machine);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.hint).not.toContain("\n");
    expect(result.hint).toContain("apt-get install chromium");
    expect(result.hint).toContain("DODO_CHROMIUM_PATH");
  });

  it("--check never installs", () => {
    const { machine, commands } = fakeMachine({ installsAt: "/usr/bin/chromium" });
    expect(ensureBrowser({ install: false }, machine).ok).toBe(false);
    expect(commands).toEqual([]);
  });

  it("run with the browser made unavailable: exits 1 with one line on stderr", () => {
    const { status, stdout, stderr } = spawnSync(process.execPath, [SCRIPT], {
      env: { ...process.env, DODO_CHROMIUM_PATH: "/nonexistent" },
      encoding: "utf8",
    });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toEqual([
      "Chromium not found at /nonexistent (from DODO_CHROMIUM_PATH): point DODO_CHROMIUM_PATH at a Chromium binary, or unset it to use /usr/bin/chromium.",
    ]);
  });
});
