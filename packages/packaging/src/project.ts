import { copyFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { run, runOk } from "./run";

const projectFiles = resolve(dirname(fileURLToPath(import.meta.url)), "../project-files");

/** Copies the helper scripts (project-files/*) into the npm project, next to its node_modules. */
export function copyProjectFiles(projectDir: string): void {
  for (const file of readdirSync(projectFiles)) {
    copyFileSync(join(projectFiles, file), join(projectDir, file));
  }
}

/** Runs a script of project-files/ in the npm project with the Node.js running the tests. */
export function runInProject(projectDir: string, script: string, args: string[] = []) {
  return runOk(process.execPath, [script, ...args], { cwd: projectDir, timeoutMs: 120_000 });
}

export { run };
