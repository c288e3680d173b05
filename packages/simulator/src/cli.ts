// The `dodo-simulator` command: start, run, trigger, events.
import { fail, UsageError } from "./cli/args.js";
import { HELP } from "./cli/help.js";
import { runCommand } from "./cli/run.js";
import { start } from "./cli/start.js";
import { trigger } from "./cli/trigger.js";
import { WEBHOOK_EVENT_TYPES } from "./events.js";
import { closest } from "./util.js";

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "--help":
      case "-h":
      case "help":
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case "start":
        return await start(rest);
      case "trigger":
        return await trigger(rest);
      case "run":
        return await runCommand(rest);
      case "events":
        process.stdout.write(`${WEBHOOK_EVENT_TYPES.join("\n")}\n`);
        return 0;
      default: {
        const suggestion = closest(command, ["start", "run", "trigger", "events"]);
        fail(
          `unknown command "${command}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; run dodo-simulator --help`,
        );
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`dodo-simulator: ${err.message}\n`);
      return 2;
    }
    // parseArgs reports unknown or malformed options with these codes.
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`dodo-simulator: ${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`dodo-simulator: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`dodo-simulator: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
