#!/usr/bin/env bash
# ctest ops.units: the nightly audit's unit files and cron file (scripts/systemd, scripts/cron,
# installed by scripts/install-audit) work as docs/operations.md §2 says, and the page shows
# them as they are.
#
#   tests/ops/verify_units.sh [PATH/TO/jiandu]      (default build/jiandu)
#
# 1. The cron file: five time fields, the user, a command without an unescaped %, MAILTO set;
#    its command, run as cron would run it, puts the audit's summary in the output cron mails,
#    and, when another audit holds the lock, the audit's message and its exit status.
# 2. The files shown in docs/operations.md are the files of scripts/.
# 3. Without systemd-analyze (the Debian package systemd) the rest is skipped: exit 77.
# 4. systemd-analyze verify says nothing about the installed service and timer (an unknown or
#    misspelled directive, a bad value, a missing ExecStart binary fail); the timer runs the
#    service, its calendar parses; the lock wait is shorter than TimeoutStartSec; the service's
#    command, run as systemd would run it, audits yesterday and, when the lock stays held,
#    gives up with the audit's own exit 2 and message.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
jiandu="$(realpath "${1:-$repo/build/jiandu}")"
[ -x "$jiandu" ] || { echo "verify_units: $jiandu: not an executable" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
ok() { echo "ok: $*"; }

yesterday="$(TZ=Asia/Shanghai date -d yesterday +%F)"
data="$tmp/data"          # the data directory the commands run on (real paths of this machine)
mkdir -p "$data"
"$jiandu" init "$data/city.db" >/dev/null

# The lock, held by this shell itself (fd 9): every command started meanwhile opens the lock
# file anew and finds it taken.
hold_lock() { exec 9>"$data/city.db.lock"; flock -n 9; }
release_lock() { exec 9>&-; }

# ---------------------------------------------------------------- 1. the cron file
cronfile="$repo/scripts/cron/jiandu-audit"
[ -z "$(tail -c1 "$cronfile")" ] || fail "$cronfile: the last line has no newline (cron ignores it)"
jobs=0
mailto=""
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
  if [[ "$line" =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=(.*)$ ]]; then
    [ "${BASH_REMATCH[1]}" != MAILTO ] || mailto="${BASH_REMATCH[2]}"
    continue
  fi
  read -r f1 f2 f3 f4 f5 user command <<<"$line"
  jobs=$((jobs + 1))
  where="$cronfile:$lineno"
  for f in "$f1" "$f2" "$f3" "$f4" "$f5"; do
    [[ "$f" =~ ^([0-9*/,-]+|[A-Za-z]{3})$ ]] || fail "$where: '$f' is not a time field"
  done
  [ "$user" = jiandu ] || fail "$where: the user field is '$user', not jiandu"
  [ -n "${command:-}" ] || fail "$where: no command"
  if [[ "$command" =~ (^|[^\\])% ]]; then fail "$where: an unescaped % (cron ends the command there)"; fi
  [[ "$command" == *"2>&1"* ]] || fail "$where: stderr does not go into the mail with the summary"
  if [[ "$command" =~ \>[[:space:]]*[^\&] ]]; then fail "$where: output goes to a file, not into the mail"; fi
done <"$cronfile"
[ "$jobs" -eq 1 ] || fail "$cronfile: $jobs job lines, expected 1"
[ -n "$mailto" ] || fail "$cronfile: MAILTO is not set: the summary would go to the account jiandu"
[ "$failed" -eq 1 ] || ok "cron file: 5 time fields, user jiandu, % escaped, MAILTO=$mailto"

# Installed with this machine's paths, then run as cron runs it: the environment lines of the
# file, then the command with \% turned into %, by /bin/sh; cron mails what it prints.
"$repo/scripts/install-audit" --cron --prefix "$tmp/cron" --bin "$jiandu" --rules "$repo/rules" \
  --data-dir "$data" --mailto ops@example.org >"$tmp/install-cron.out" 2>&1 ||
  { cat "$tmp/install-cron.out" >&2; fail "install-audit --cron failed"; }
installed="$tmp/cron/etc/cron.d/jiandu-audit"
[ "$(stat -c %a "$installed" 2>/dev/null)" = 644 ] || fail "$installed: mode is not 0644"
grep -qx 'MAILTO=ops@example.org' "$installed" || fail "$installed: --mailto not applied"
cron_run() {
  local envs=() cmd
  while IFS= read -r line; do envs+=("$line"); done < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$installed")
  cmd="$(grep -Ev '^[[:space:]]*(#|$|[A-Za-z_][A-Za-z0-9_]*=)' "$installed" | awk '{ $1=$2=$3=$4=$5=$6=""; sub(/^ +/, ""); print }')"
  cmd="${cmd//\\%/%}"
  (cd "$data" && env -i HOME="$data" LOGNAME=jiandu "${envs[@]}" /bin/sh -c "$cmd") >"$tmp/mail" 2>&1
}
cron_run
if grep -q "^audit #[0-9]* as of $yesterday: " "$tmp/mail" && ! grep -q "exit status" "$tmp/mail"; then
  ok "cron: the mail carries the summary ($(grep "^audit #" "$tmp/mail" | cut -c1-40)…)"
else
  fail "cron: the mail has no summary of an audit as of $yesterday:"; sed 's/^/  | /' "$tmp/mail" >&2
fi
hold_lock
cron_run
release_lock
if grep -q "another audit is running" "$tmp/mail" && grep -qx "jiandu audit: exit status 2" "$tmp/mail"; then
  ok "cron: with the lock held the mail says why, and exit status 2"
else
  fail "cron: with the lock held, the mail does not say so:"; sed 's/^/  | /' "$tmp/mail" >&2
fi

# ---------------------------------------------------------------- 2. the files in the docs
# The fenced block after the line that begins "`scripts/…` (installed as" is that file, verbatim.
doc="$repo/docs/operations.md"
for f in scripts/systemd/jiandu-audit.service scripts/systemd/jiandu-audit.timer scripts/cron/jiandu-audit; do
  awk -v name="\`$f\` (installed as" '
    index($0, name) == 1 { found = 1; next }
    found == 1 && /^```/ { found = 2; next }
    found == 2 && /^```/ { exit }
    found == 2 { print }' "$doc" >"$tmp/shown"
  if [ ! -s "$tmp/shown" ]; then
    fail "$doc does not show $f (a line beginning \`$f\` (installed as …, then its block)"
  elif ! diff -u "$repo/$f" "$tmp/shown" >"$tmp/diff"; then
    fail "$doc shows $f otherwise than it is:"; sed 's/^/  | /' "$tmp/diff" >&2
  else
    ok "docs/operations.md shows $f as it is"
  fi
done

# ---------------------------------------------------------------- 3. systemd-analyze
if ! command -v systemd-analyze >/dev/null 2>&1; then
  [ "$failed" -eq 0 ] || exit 1
  echo "skipped: no systemd-analyze"
  exit 77
fi

# ---------------------------------------------------------------- 4. the unit files
# systemd-analyze verify works offline (no systemd as PID 1 needed) on unit files given by
# path; it checks that ExecStart's program exists: /bin/sh here, so the jiandu the command
# names is checked below, by running it.
verify() {  # DIR: the installed units; anything said about them fails
  local out
  out="$(systemd-analyze verify "$1/jiandu-audit.service" "$1/jiandu-audit.timer" 2>&1)" ||
    fail "systemd-analyze verify exits non-zero on $1"
  if grep -q "jiandu-audit" <<<"$out"; then
    fail "systemd-analyze verify on $1:"; grep "jiandu-audit" <<<"$out" | sed 's/^/  | /' >&2
  else
    [ -z "$out" ] || sed 's/^/note: systemd-analyze: /' <<<"$out"
    ok "systemd-analyze verify: nothing to say about $1/jiandu-audit.{service,timer}"
  fi
}
key() { sed -n "s/^$1=//p" "$2" | tail -n1; }  # KEY FILE: its last value

# As shipped, with the default paths, into a staging root.
"$repo/scripts/install-audit" --prefix "$tmp/root" >"$tmp/install.out" 2>&1 ||
  { cat "$tmp/install.out" >&2; fail "install-audit --prefix failed"; }
units="$tmp/root/etc/systemd/system"
[ "$(stat -c %a "$tmp/root/var/lib/jiandu" 2>/dev/null)" = 750 ] || fail "the data directory is not mode 0750"
verify "$units"

# With this machine's paths: the command can then run.
"$repo/scripts/install-audit" --prefix "$tmp/run" --bin "$jiandu" --rules "$repo/rules" --data-dir "$data" \
  >"$tmp/install-run.out" 2>&1 || { cat "$tmp/install-run.out" >&2; fail "install-audit --bin --rules --data-dir failed"; }
runits="$tmp/run/etc/systemd/system"
verify "$runits"

service="$units/jiandu-audit.service"
timer="$units/jiandu-audit.timer"
[ "$(key Type "$service")" = oneshot ] || fail "the service is not Type=oneshot"
{ [ "$(key User "$service")" = jiandu ] && [ "$(key Group "$service")" = jiandu ]; } || fail "the service does not run as jiandu:jiandu"
[ "$(key ProtectHome "$service")" = yes ] || fail "ProtectHome=yes is not set"
[ "$(key ProtectSystem "$service")" = strict ] || fail "ProtectSystem=strict is not set"
[ "$(key ReadWritePaths "$service")" = /var/lib/jiandu ] || fail "ReadWritePaths is not the data directory"
[ "$(key Persistent "$timer")" = true ] || fail "the timer is not Persistent=true"
[ "$(key Unit "$timer")" = jiandu-audit.service ] || fail "the timer does not run jiandu-audit.service"
systemd-analyze calendar "$(key OnCalendar "$timer")" >/dev/null 2>&1 || fail "OnCalendar=$(key OnCalendar "$timer") does not parse"

# The lock wait gives up before systemd's TimeoutStartSec would kill the run.
wait_s="$(key ExecStart "$service" | sed -n 's/.*flock --wait \([0-9]*\) .*/\1/p')"
timeout_us="$(systemd-analyze timespan "$(key TimeoutStartSec "$service")" 2>/dev/null | sed -n 's/^ *μs: //p')"
if [ -n "$wait_s" ] && [ -n "$timeout_us" ] && [ $((wait_s * 1000000)) -lt "$timeout_us" ]; then
  ok "the lock wait (${wait_s}s) is shorter than TimeoutStartSec=$(key TimeoutStartSec "$service")"
else
  fail "the lock wait (${wait_s:-none}) is not shorter than TimeoutStartSec (${timeout_us:-none} μs)"
fi

# The command as systemd runs it: the argument of /bin/sh -c, with %% and $$ unescaped, in the
# unit's Environment= and WorkingDirectory=.
rservice="$runits/jiandu-audit.service"
exec_start="$(key ExecStart "$rservice")"
script="$(sed -n "s/^\/bin\/sh -c '\(.*\)'$/\1/p" <<<"$exec_start")"
[ -n "$script" ] || fail "ExecStart is not /bin/sh -c '…': $exec_start"
script="${script//%%/%}"
script="${script//\$\$/\$}"
[[ "$script" == *"exec $jiandu audit "* ]] || fail "ExecStart does not run the --bin given ($jiandu): $script"
service_run() {  # the script, with the lock wait cut to WAIT seconds
  local s="${script/flock --wait $wait_s /flock --wait $1 }"
  (cd "$(key WorkingDirectory "$rservice")" && env -i PATH=/usr/bin:/bin "$(key Environment "$rservice")" /bin/sh -c "$s") \
    >"$tmp/out" 2>"$tmp/err"
}
rc=0; service_run "$wait_s" || rc=$?
if [ "$rc" -eq 0 ] && grep -q "^audit #[0-9]* as of $yesterday: " "$tmp/out"; then
  ok "service: audits yesterday ($yesterday), exit 0"
else
  fail "service: exit $rc, no audit as of $yesterday:"; sed 's/^/  | /' "$tmp/out" "$tmp/err" >&2
fi
hold_lock
rc=0; service_run 1 || rc=$?
release_lock
if [ "$rc" -eq 2 ] && grep -q "still held" "$tmp/err" && grep -q "jiandu: error: another audit is running" "$tmp/err"; then
  ok "service: with the lock held past the wait, the audit's own exit 2 and message"
else
  fail "service: with the lock held, exit $rc:"; sed 's/^/  | /' "$tmp/out" "$tmp/err" >&2
fi

[ "$failed" -eq 0 ] || exit 1
echo "ops.units: all checks passed"
