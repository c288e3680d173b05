// The app's command as a child process: its own process group, forwarded signals, clean exit.
import { type ChildProcess, spawn } from "node:child_process";
import { constants as osConstants } from "node:os";
import { PREFIX } from "./options.js";

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? osConstants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A running command. `exited` resolves with its exit code (127 when it could not start). */
export class Command {
  readonly exited: Promise<number>;
  private signals = 0;
  private readonly forward = (signal: NodeJS.Signals) => {
    this.signals++;
    // A third Ctrl+C means the command is stuck: stop it for good.
    this.signal(this.signals >= 3 ? "SIGKILL" : signal);
  };

  private constructor(
    private readonly child: ChildProcess,
    private readonly ownGroup: boolean,
    name: string,
    err: (line: string) => void,
  ) {
    for (const s of FORWARDED) process.on(s, this.forward);
    this.exited = new Promise<number>((resolve) => {
      child.once("error", (e: NodeJS.ErrnoException) => {
        err(
          e.code === "ENOENT"
            ? `${PREFIX} command not found: ${name} (is it installed? run it through your package manager's scripts, which put node_modules/.bin on PATH)`
            : `${PREFIX} could not run ${name}: ${e.message}`,
        );
        resolve(127);
      });
      child.once("exit", (code, signal) => resolve(exitCodeOf(code, signal)));
    });
  }

  /**
   * Spawns `command`. On POSIX it gets its own process group, and signals go to the whole group:
   * wrapper scripts (`sh` shims that do not `exec`) would otherwise die and leave the server
   * running. Its stdin is not the terminal then (a background group reading it would be stopped).
   */
  static spawn(
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; err: (line: string) => void },
  ): Command {
    const ownGroup = process.platform !== "win32";
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: [ownGroup ? "ignore" : "inherit", "inherit", "inherit"],
      detached: ownGroup,
      // .cmd shims (next.cmd, vite.cmd) need a shell on Windows.
      shell: !ownGroup,
    });
    return new Command(child, ownGroup, command, options.err);
  }

  /** Sends `signal` to the command's group (or the command); false when it is gone. */
  signal(signal: NodeJS.Signals): boolean {
    if (this.ownGroup && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, signal);
        return true;
      } catch {
        return false; // the group is gone
      }
    }
    return this.child.kill(signal);
  }

  private groupAlive(): boolean {
    try {
      process.kill(-(this.child.pid as number), 0);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * After the command exited: whatever it left behind in its group (a server under a wrapper
   * that exited first) gets SIGTERM, then SIGKILL after 5 s, so the app's port is free. Stops
   * forwarding signals.
   */
  async cleanUp(): Promise<void> {
    if (this.ownGroup && this.child.pid !== undefined && this.groupAlive()) {
      if (this.signals === 0) this.signal("SIGTERM");
      const deadline = Date.now() + 5000;
      while (this.groupAlive() && Date.now() < deadline) await pause(100);
      this.signal("SIGKILL");
    }
    for (const s of FORWARDED) process.off(s, this.forward);
  }
}
