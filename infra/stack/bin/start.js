#!/usr/bin/env node
/**
 * `npm start`: builds the monorepo (turbo) showing how far it has got, then starts the whole graph
 * (dist/start.js). Plain JavaScript because it runs before anything is built.
 */
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const { join } = require("node:path");

const root = join(__dirname, "..", "..", "..");
const began = Date.now(); // elapsed time for progress lines only (not the platform's clock)
process.env.CAREGRAPH_START_BEGAN_MS = String(began);
const elapsed = () => `[${String(Math.round((Date.now() - began) / 1000)).padStart(3)} s]`;
const turbo = join(root, "node_modules", ".bin", "turbo");
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" };

function taskCount() {
  const dry = spawnSync(turbo, ["run", "build", "--dry=json"], { cwd: root, env, encoding: "utf8" });
  try {
    return JSON.parse(dry.stdout).tasks.filter((t) => t.command !== "<NONEXISTENT>").length;
  } catch {
    return undefined;
  }
}

function build() {
  return new Promise((resolve) => {
    const total = taskCount();
    process.stdout.write(`Building CareGraph (${total ?? "?"} tasks: Prisma clients, resolver types, TypeScript)…\n`);
    const child = spawn(turbo, ["run", "build", "--output-logs=new-only"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    let done = 0;
    let cached = 0;
    let buffer = "";
    const onData = (chunk) => {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        output.push(line);
        const m = /^(\S+):(\w+): cache (hit|miss)/.exec(line);
        if (!m) continue;
        done += 1;
        if (m[3] === "hit") {
          cached += 1;
          continue;
        }
        const what = `${m[1].replace("@caregraph/", "")} ${m[2]}`;
        const note = m[1] === "@caregraph/kafka-mock" ? " (on a new machine this compiles librdkafka's mock broker: a minute or two)" : "";
        process.stdout.write(`  ${elapsed()} build ${done}/${total ?? "?"}: ${what}${note}\n`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      if (code === 0) {
        process.stdout.write(`  ${elapsed()} build done (${cached} of ${done} tasks were already up to date).\n`);
        return resolve();
      }
      process.stderr.write(`${output.slice(-80).join("\n")}\nCareGraph did not build (turbo exited ${code}).\n`);
      process.exit(code ?? 1);
    });
  });
}

build().then(() => require(join(root, "infra", "stack", "dist", "start.js")));
