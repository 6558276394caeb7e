// The web workplace under load (not a test): 50 sessions of branch secretaries for 60 s on
// loopback, reading pages and adding statements, while full audits of a generated city run
// back to back on the same store. Reports p50 / p99 latency per kind of request and the
// errors; checks afterwards that every action answered as done is on the trail and that
// `jiandu verify` passes.
// Usage: node bench/web/load.mjs [BUILD/jiandu] [--sessions 50] [--seconds 60] [--units 400] [--people 8000]
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf("--" + name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const jiandu = resolve(argv[0] && !argv[0].startsWith("--") ? argv[0] : join(root, "build/jiandu"));
const SESSIONS = opt("sessions", 50), SECONDS = opt("seconds", 60), UNITS = opt("units", 400), PEOPLE = opt("people", 8000);
const work = mkdtempSync(join(tmpdir(), "jiandu-load-"));
const db = join(work, "load.db");
const rules = join(root, "rules");
const password = "load-test-password";
const sql = (q) => execFileSync("sqlite3", [db, q], { encoding: "utf8" }).trim();
const t0 = () => performance.now();

let server;
const audits = [];
try {
  let t = t0();
  execFileSync(jiandu, ["gen", "--db", db, "--units", String(UNITS), "--people", String(PEOPLE)], { stdio: "ignore" });
  console.log(`generated ${UNITS} units, ${PEOPLE} people: ${sql("SELECT count(*) FROM events")} events (${((t0() - t) / 1000).toFixed(1)} s)`);
  t = t0();
  execFileSync(jiandu, ["audit", "--rules", rules, "--db", db, "--as-of", "2026-11-20"], { stdio: "ignore" });
  const firstAudit = (t0() - t) / 1000;
  console.log(`first audit: ${sql("SELECT count(*) FROM alerts")} alerts (${firstAudit.toFixed(1)} s)`);
  const people = sql(`SELECT DISTINCT r.person FROM roles r JOIN alerts a ON a.org = r.org
                      WHERE r.role = 'branch_secretary' AND r.valid_to IS NULL LIMIT ${SESSIONS}`).split("\n");
  people.forEach((p, i) => execFileSync(jiandu, ["user", "add", "u" + i, "--person", p, "--db", db], { input: password + "\n" }));

  server = spawn(jiandu, ["serve", "--db", db, "--rules", rules, "--listen", "127.0.0.1:0", "--threads", "16", "--quiet"]);
  const base = await new Promise((ok, fail) => {
    server.stdout.on("data", (d) => { const m = /http:\/\/[0-9.]+:\d+/.exec(String(d)); if (m) ok(m[0]); });
    setTimeout(() => fail(new Error("serve did not start")), 15000);
  });

  const stats = {};
  const errors = [];
  const note = (kind, ms, ok, detail) => {
    (stats[kind] ??= []).push(ms);
    if (!ok) errors.push(`${kind}: ${detail}`);
  };
  const request = async (kind, path, init = {}, expect = [200]) => {
    const start = t0();
    try {
      const r = await fetch(base + path, { redirect: "manual", ...init });
      const body = await r.text();
      note(kind, t0() - start, expect.includes(r.status), `${path} → ${r.status}`);
      return { status: r.status, body, headers: r.headers };
    } catch (e) {
      note(kind, t0() - start, false, `${path} → ${e.message}`);
      return { status: 0, body: "" };
    }
  };
  const login = async (i) => {
    const page = await request("login page", "/login");
    const pre = /jd_login=([0-9a-f]{64})/.exec(page.headers.get("set-cookie"))[1];
    const r = await request("login", "/login", {
      method: "POST", headers: { cookie: `jd_login=${pre}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: pre, login: "u" + i, password }),
    }, [303]);
    const cookie = "jd_session=" + /jd_session=([0-9a-f]{64})/.exec(r.headers.get("set-cookie"))[1];
    const me = JSON.parse((await request("api me", "/api/v1/me", { headers: { cookie } })).body);
    const list = JSON.parse((await request("api alerts", "/api/v1/alerts", { headers: { cookie } })).body);
    return { cookie, csrf: me.csrf, alerts: list.alerts.map((a) => a.id) };
  };
  const sessions = await Promise.all(people.map((_, i) => login(i)));

  // Full audits back to back, for the whole run: the pages are read beside one, always.
  let stop = false, auditsRun = 0;
  const day = new Date("2026-11-21T00:00:00Z");
  const auditLoop = (async () => {
    while (!stop) {
      const asOf = day.toISOString().slice(0, 10);
      day.setUTCDate(day.getUTCDate() + 1);
      const p = spawn(jiandu, ["audit", "--rules", rules, "--db", db, "--as-of", asOf, "--full"], { stdio: "ignore" });
      audits.push(p);
      const code = await new Promise((ok) => p.on("exit", ok));
      if (code !== 0 && code !== 1) errors.push(`audit exited with ${code}`);
      auditsRun++;
    }
  })();

  let actions = 0, busy = 0;
  const end = t0() + SECONDS * 1000;
  await Promise.all(sessions.map(async (s, i) => {
    let n = 0;
    while (t0() < end) {
      const roll = Math.random();
      const id = s.alerts[Math.floor(Math.random() * s.alerts.length)];
      const headers = { cookie: s.cookie };
      if (roll < 0.35) await request("我的待办", "/todo", { headers });
      else if (roll < 0.6) await request("预警列表", "/alerts?status=open&page=1", { headers });
      else if (roll < 0.8 && id) await request("预警详情", "/alerts/" + id, { headers });
      else if (roll < 0.9) await request("单位总览", "/units", { headers });
      else if (id) {
        const r = await request("情况说明 (POST)", `/alerts/${id}/act`, {
          method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ csrf: s.csrf, act: "statement", note: `load-${i}-${n++}` }),
        }, [303, 503]);
        if (r.status === 303) actions++;
        if (r.status === 503) busy++;
      }
    }
  }));
  stop = true;
  await auditLoop;

  const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  console.log(`\n${SESSIONS} sessions, ${SECONDS} s, 16 server threads, ${auditsRun} full audits alongside (first audit ${firstAudit.toFixed(1)} s)`);
  console.log("| request | count | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|");
  let total = 0;
  for (const [kind, xs] of Object.entries(stats)) {
    total += xs.length;
    console.log(`| ${kind} | ${xs.length} | ${pct(xs, 0.5).toFixed(1)} | ${pct(xs, 0.99).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`);
  }
  console.log(`total ${total} requests (${(total / SECONDS).toFixed(0)}/s), errors ${errors.length}, actions done ${actions}, answered busy ${busy}`);
  for (const e of errors.slice(0, 10)) console.log("  error: " + e);
  const onTrail = Number(sql("SELECT count(*) FROM trail WHERE reason LIKE '情况说明：load-%'"));
  console.log(`statements on the trail: ${onTrail} of ${actions} answered as done: ${onTrail === actions ? "all there" : "MISMATCH"}`);
  server.kill("SIGTERM");
  server = null;
  const verify = execFileSync(jiandu, ["verify", "--db", db], { encoding: "utf8" });
  console.log(verify.trim());
  if (errors.length || onTrail !== actions) process.exitCode = 1;
} finally {
  for (const a of audits) a.kill("SIGTERM");
  if (server) server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
