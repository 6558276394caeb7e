// The closed loop in a real browser (Debian's chromium, driven by playwright-core): the branch
// secretary logs in, sees only their unit, acknowledges an alert and reports it rectified with
// an uploaded file; the organ's discipline secretary verifies it; the next audit closes it;
// both read the trail. Screenshots at 1366×900 and 390×844 go to docs/images/.
// Usage: node loop.mjs BUILD/jiandu
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const jiandu = resolve(process.argv[2] ?? join(root, "build/jiandu"));
const images = join(root, "docs/images");
const work = mkdtempSync(join(tmpdir(), "jiandu-browser-"));
const db = join(work, "city.db");
const password = "browser-test-" + Math.random().toString(36).slice(2);
const run = (...args) => execFileSync(jiandu, args, { encoding: "utf8" });
const city = (f) => join(root, "examples/city", f);

let server, browser;
try {
  run("init", db);
  run("import", "--db", db, ...["orgs.csv", "people.csv", "roles.csv", "events.csv", "events-2026.jsonl"].map(city));
  run("audit", "--rules", join(root, "rules"), "--db", db, "--as-of", "2026-11-20");
  for (const [login, person] of [["guozq", "p008"], ["wanglh", "p007"]])
    execFileSync(jiandu, ["user", "add", login, "--person", person, "--db", db], { input: password + "\n" });

  server = spawn(jiandu, ["serve", "--db", db, "--rules", join(root, "rules"), "--listen", "127.0.0.1:0", "--quiet"]);
  const base = await new Promise((ok, fail) => {
    server.stdout.on("data", (d) => {
      const m = /https?:\/\/[0-9.]+:\d+/.exec(String(d));
      if (m) ok(m[0]);
    });
    server.on("exit", (code) => fail(new Error("jiandu serve exited with " + code)));
    setTimeout(() => fail(new Error("jiandu serve did not start")), 15000);
  });

  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage"] });
  mkdirSync(images, { recursive: true });

  const open = async (login, viewport) => {
    const context = await browser.newContext({ viewport, locale: "zh-CN" });
    const page = await context.newPage();
    page.on("dialog", (d) => d.accept());  // app.js asks before an action goes on the trail
    await page.goto(base + "/todo");
    assert.match(page.url(), /\/login$/, "an anonymous visitor is sent to the login page");
    await page.fill("input[name=login]", login);
    await page.fill("input[name=password]", password);
    await page.click("button[type=submit]");
    await page.waitForURL(/\/todo$/);
    return page;
  };

  // ── 郭志强, 党支部书记 of 市发展改革委办公室党支部 ──
  const sec = await open("guozq", { width: 1366, height: 900 });
  const units = await sec.locator("table.list td[data-label=单位]").allTextContents();
  assert.ok(units.length > 0, "the branch secretary has alerts awaiting him");
  for (const u of units) assert.equal(u.trim(), "市发展改革委办公室党支部", "only his own unit");
  await sec.screenshot({ path: join(images, "web-todo-1366.png"), fullPage: true });
  await sec.goto(base + "/alerts");
  // His unit's alerts, and those about him in person (he may add a statement to them).
  for (const row of await sec.locator("table.list tbody tr").all()) {
    const unit = (await row.locator("td[data-label=单位]").textContent()).trim();
    const about = await row.locator("td[data-label=预警] small").textContent();
    assert.ok(unit === "市发展改革委办公室党支部" || about.includes("郭志强"), `the list holds only his unit or himself: ${unit} ${about}`);
  }
  await sec.goto(base + "/todo");
  await sec.locator("table.list a").first().click();
  const alertUrl = sec.url();
  const alertId = alertUrl.split("/").pop();
  await sec.fill("form.act:has(input[value=ack]) textarea[name=note]", "已召开支委会研究整改");
  await sec.click("form.act:has(input[value=ack]) button");
  await sec.waitForURL(/done=ack/);
  assert.match(await sec.textContent(".notice"), /已办理：明责确认/);
  const resolve_ = "form.act:has(input[value=resolve])";
  await sec.fill(`${resolve_} textarea[name=note]`, "已补开组织生活会并报送会议记录");
  await sec.setInputFiles(`${resolve_} input[type=file]`, {
    name: "整改报告.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n整改报告\n"),
  });
  await sec.click(`${resolve_} button`);
  await sec.waitForURL(/done=resolve/);
  assert.match(await sec.textContent("p.meta"), /已整改/);
  assert.equal(await sec.locator("form.act:has(input[value=verify])").count(), 0, "he cannot verify his own rectification");
  await sec.screenshot({ path: join(images, "web-alert-1366.png"), fullPage: true });

  // ── 孙晓梅, 机关纪委书记 of the organ: verifies, on a phone ──
  const dis = await open("wanglh", { width: 390, height: 844 });
  await dis.screenshot({ path: join(images, "web-todo-390.png"), fullPage: true });
  await dis.goto(alertUrl);
  await dis.fill("form.act:has(input[value=verify]) textarea[name=note]", "材料齐全，整改到位");
  await dis.click("form.act:has(input[value=verify]) button");
  await dis.waitForURL(/done=verify/);
  await dis.screenshot({ path: join(images, "web-alert-390.png"), fullPage: true });

  // ── the next nightly audit closes it; both see the whole trail ──
  run("audit", "--rules", join(root, "rules"), "--db", db, "--as-of", "2026-11-21");
  for (const page of [sec, dis]) {
    await page.goto(alertUrl);
    const trail = await page.locator("ol.trail").textContent();
    for (const step of ["明责确认", "整改完成", "验收通过", "对账销号", "郭志强", "孙晓梅"])
      assert.ok(trail.includes(step), `the trail shows ${step}`);
  }
  await sec.goto(base + "/units");
  await sec.screenshot({ path: join(images, "web-units-1366.png"), fullPage: true });
  run("verify", "--db", db);  // every action the browser took is on an intact trail
  console.log(`browser loop passed on ${alertId}; screenshots in docs/images/`);
} finally {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
