#!/usr/bin/env bash
# The Mentoring Tool's development and test stack, in two commands:
#
#   ./dev.sh run [--detach]   build, start MariaDB, the FastCGI pool and nginx
#                             on https://127.0.0.1:8443 (MENTORSHIP_HTTPS_PORT),
#                             print the demo accounts; Ctrl-C stops it all
#   ./dev.sh stop             stop a stack started with --detach
#   ./dev.sh test             build with sanitizers and run every test
#
# Everything lives under var/ (var/dev for run, var/test for test): its own
# MariaDB data directory, sockets, logs, certificate and configuration.  No
# system service is used or changed.  Run as root on Debian 12: missing
# Debian packages are installed with apt-get.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

PACKAGES=(build-essential autoconf automake libtool pkg-config
	libfcgi-dev libcjson-dev libmariadb-dev libcurl4-openssl-dev
	libargon2-dev libcriterion-dev libssl-dev libgd-dev
	mariadb-server mariadb-client nginx openssl curl procps python3)

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'dev.sh: %s\n' "$*" >&2; exit 1; }

# ---- packages ----

ensure_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || die "missing packages (install as root): ${missing[*]}"
	log "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# Packages must not start their system services here.
	local policy=/usr/sbin/policy-rc.d created=0
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod 755 "$policy"
		created=1
	fi
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	[ "$created" -eq 1 ] && rm -f "$policy"
	return 0
}

# ---- build ----

# build DIR [configure options...]: an out-of-tree build in DIR.
build() {
	local dir=$1
	shift
	if [ ! -x "$ROOT/configure" ] || [ "$ROOT/configure.ac" -nt "$ROOT/configure" ] ||
		[ "$ROOT/Makefile.am" -nt "$ROOT/Makefile.in" ] ||
		[ -n "$(find "$ROOT/tests" -name '*.am' -newer "$ROOT/Makefile.in" 2>/dev/null)" ]; then
		log "autoreconf"
		(cd "$ROOT" && autoreconf -fi >/dev/null 2>&1) || (cd "$ROOT" && autoreconf -fi)
	fi
	mkdir -p "$dir"
	local want="$*"
	if [ ! -f "$dir/Makefile" ] || [ "$(cat "$dir/.configure-args" 2>/dev/null)" != "$want" ]; then
		log "configure $want"
		(cd "$dir" && "$ROOT/configure" --prefix=/usr --sysconfdir=/etc "$@" >configure.out 2>&1) ||
			{ cat "$dir/configure.out" >&2; die "configure failed"; }
		printf '%s' "$want" >"$dir/.configure-args"
	fi
	log "make in ${dir#"$ROOT"/}"
	make -C "$dir" -j"$(nproc)" -s >/dev/null 2>"$dir/make.err" || { cat "$dir/make.err" >&2; die "build failed"; }
	# Test programs too, so a broken test fails the build, not the run.
	make -C "$dir" -j"$(nproc)" -s check TESTS= >/dev/null 2>>"$dir/make.err" || { cat "$dir/make.err" >&2; die "test build failed"; }
}

# ---- the stack ----

# Sets the paths of a stack rooted at $VAR.
stack_paths() {
	VAR=$1
	DB_SOCK=$VAR/run/mysqld.sock
	DB_PID=$VAR/run/mysqld.pid
	FCGI_SOCK=$VAR/run/fcgi.sock
	FCGI_PID=$VAR/run/fcgi.pid
	WORKER_PID=$VAR/run/worker.pid
	NGINX_PID=$VAR/nginx/nginx.pid
	SMTP_PID=$VAR/run/smtp.pid
	CONF=$VAR/mentorship.conf
	CREDS=$VAR/credentials.env
	LOGDIR=$VAR/log
}

is_running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

db_root() { mariadb --no-defaults --socket="$DB_SOCK" -u root "$@"; }

db_start() {
	mkdir -p "$VAR/run" "$LOGDIR"
	local userarg=()
	[ "$(id -u)" -eq 0 ] && userarg=(--user=root)
	if [ ! -d "$VAR/mysql/mysql" ]; then
		log "creating the MariaDB data directory in ${VAR#"$ROOT"/}/mysql"
		mariadb-install-db --no-defaults --datadir="$VAR/mysql" "${userarg[@]}" \
			--auth-root-authentication-method=socket --skip-test-db \
			>"$LOGDIR/mariadb-install.log" 2>&1 || { cat "$LOGDIR/mariadb-install.log" >&2; die "mariadb-install-db failed"; }
	fi
	if ! is_running "$DB_PID"; then
		mariadbd --no-defaults --datadir="$VAR/mysql" "${userarg[@]}" \
			--socket="$DB_SOCK" --pid-file="$DB_PID" --skip-networking \
			--log-error="$LOGDIR/mariadb.log" --innodb-buffer-pool-size=128M \
			--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
			</dev/null >/dev/null 2>&1 &
	fi
	local i
	for i in $(seq 1 300); do
		db_root -e 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	tail -20 "$LOGDIR/mariadb.log" >&2 || true
	die "MariaDB did not start"
}

db_stop() {
	if is_running "$DB_PID"; then
		local pid
		pid=$(cat "$DB_PID")
		kill -TERM "$pid" 2>/dev/null || true
		local i
		for i in $(seq 1 300); do
			kill -0 "$pid" 2>/dev/null || return 0
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
	fi
}

# The application's database account, with a password made once.
db_setup() {
	local pwfile=$VAR/db-password
	[ -s "$pwfile" ] || { openssl rand -hex 16 >"$pwfile"; chmod 600 "$pwfile"; }
	DB_PASSWORD=$(cat "$pwfile")
	db_root <<-SQL
		CREATE DATABASE IF NOT EXISTS mentorship CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'mentorship'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
		ALTER USER 'mentorship'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
		GRANT ALL PRIVILEGES ON mentorship.* TO 'mentorship'@'localhost';
	SQL
}

write_conf() { # write_conf WORKERS EXTRA_LINES...
	local workers=$1
	shift
	umask 077
	cat >"$CONF" <<-EOF
		# Written by dev.sh; edits are lost on the next run.
		[database]
		socket = $DB_SOCK
		user = mentorship
		password = $DB_PASSWORD
		name = mentorship

		[fcgi]
		socket = $FCGI_SOCK
		# nginx runs as this user (or as root with "user root"): no
		# other account may speak FastCGI to the pool.
		socket_mode = 0660
		workers = $workers
		max_body_bytes = 1048576

		[app]
		migrations_dir = $ROOT/db/migrations
		public_base_url = https://127.0.0.1:$HTTPS_PORT

		[media]
		root = $VAR/pictures

		# The stack's mail catcher (tests/fakes/fake_smtp.py): every mail
		# is in log/mail.jsonl.
		[smtp]
		host = 127.0.0.1
		port = $SMTP_PORT
		security = starttls
		ca_file = $VAR/tls/cert.pem
		from = Mentoring Tool <no-reply@localhost>

		$(printf '%s\n' "$@")
	EOF
	umask 022
}

make_cert() {
	mkdir -p "$VAR/tls"
	[ -s "$VAR/tls/cert.pem" ] && return 0
	log "generating a self-signed certificate"
	openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout "$VAR/tls/key.pem" -out "$VAR/tls/cert.pem" >/dev/null 2>&1
	chmod 600 "$VAR/tls/key.pem"
}

# port_of FILE: the port a fake server prints first, once it has (up to
# 10 s); fails when it never does.
port_of() {
	local i port
	for i in $(seq 1 100); do
		port=$(head -1 "$1" 2>/dev/null || true)
		[ -n "$port" ] && { echo "$port"; return 0; }
		sleep 0.1
	done
	return 1
}

# The mail catcher: a fake SMTP server (STARTTLS with the stack's
# certificate) on a free port, writing every mail it receives to
# log/mail.jsonl, where the reset codes of forgotten passwords are.
mail_start() {
	stop_pidfile "$SMTP_PID" 5
	mkdir -p "$VAR/run" "$LOGDIR"
	rm -f "$VAR/run/smtp.port"
	"${PYTHON:-python3}" "$ROOT/tests/fakes/fake_smtp.py" 0 "$LOGDIR/mail.jsonl" \
		--tls-cert "$VAR/tls/cert.pem" --tls-key "$VAR/tls/key.pem" \
		--require-starttls --pidfile "$SMTP_PID" \
		</dev/null >"$VAR/run/smtp.port" 2>>"$LOGDIR/smtp.log" &
	# It writes its pid file before it prints its port.
	SMTP_PORT=$(port_of "$VAR/run/smtp.port") && is_running "$SMTP_PID" &&
		return 0
	tail -20 "$LOGDIR/smtp.log" >&2 || true
	die "the mail catcher did not start"
}

fcgi_start() { # fcgi_start BUILD_DIR
	is_running "$FCGI_PID" && return 0
	mkdir -p "$VAR/run" "$LOGDIR"
	"$1/mentorship-fcgi" -c "$CONF" -p "$FCGI_PID" </dev/null >>"$LOGDIR/fcgi.log" 2>&1 &
	local i
	for i in $(seq 1 100); do
		[ -S "$FCGI_SOCK" ] && is_running "$FCGI_PID" && return 0
		sleep 0.1
	done
	tail -20 "$LOGDIR/fcgi.log" >&2
	die "mentorship-fcgi did not start"
}

worker_start() { # worker_start BUILD_DIR
	stop_pidfile "$WORKER_PID" 30
	"$1/mentorship-worker" -c "$CONF" -p "$WORKER_PID" </dev/null >>"$LOGDIR/worker.log" 2>&1 &
	local i
	for i in $(seq 1 50); do
		is_running "$WORKER_PID" && return 0
		sleep 0.1
	done
	tail -20 "$LOGDIR/worker.log" >&2
	die "mentorship-worker did not start"
}

stop_pidfile() { # stop_pidfile FILE [SECONDS]
	is_running "$1" || return 0
	local pid i
	pid=$(cat "$1")
	kill -TERM "$pid" 2>/dev/null || true
	for i in $(seq 1 $((${2:-30} * 10))); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
}

nginx_start() {
	mkdir -p "$VAR/nginx" "$VAR/pictures" "$LOGDIR"
	local user_line=""
	[ "$(id -u)" -eq 0 ] && user_line="user root;"
	sed -e "s|@VAR@|$VAR|g" -e "s|@SRC@|$ROOT|g" -e "s|@SOCKET@|$FCGI_SOCK|g" \
		-e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
		-e "s|@KEEPALIVE@|$NGINX_KEEPALIVE|g" -e "s|@USER_LINE@|$user_line|g" \
		"$ROOT/nginx/dev.conf.in" >"$VAR/nginx/nginx.conf"
	nginx -t -q -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOGDIR/nginx-error.log" ||
		die "nginx configuration test failed"
	if is_running "$NGINX_PID"; then
		nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOGDIR/nginx-error.log" -s reload
	else
		nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$LOGDIR/nginx-error.log"
	fi
}

wait_healthy() {
	local i
	for i in $(seq 1 200); do
		curl -fsk -o /dev/null "https://127.0.0.1:$HTTPS_PORT/healthz" && return 0
		sleep 0.1
	done
	die "the stack did not answer /healthz (logs in ${LOGDIR#"$ROOT"/})"
}

stack_stop() {
	stop_pidfile "$WORKER_PID" 30
	stop_pidfile "$NGINX_PID" 10
	stop_pidfile "$FCGI_PID" 40
	stop_pidfile "$SMTP_PID" 5
	db_stop
}

ctl() { "$BUILD/mentorshipctl" -c "$CONF" "$@"; }

# The demo accounts (an admin, a mentee, their mentor, a provider) and
# the demo content of the Android app.
demo_accounts() {
	ensure_account ADMIN createsuperuser admin --email admin@example.org
	ensure_account MENTEE create-mentee mentee --first-name Tony \
		--email mentee@example.org --contact-number +27820000001
	ensure_account MENTOR create-mentor mentor --first-name Adam \
		--email mentor@example.org --contact-number +27820000002 --mentee mentee
	ensure_account PROVIDER create-provider-account provider
	write_credentials
	# What the Android app lists: stages, activities, blog posts.
	db_root mentorship <"$ROOT/db/demo/content.sql"
	demo_pictures
}

# Pictures for the demo content that has none, attached the way an admin
# does (mentorshipctl): category images, activity icons, blog pictures.
demo_pictures() {
	local id colour f=$VAR/run/demo-picture.png
	picture() { "${PYTHON:-python3}" "$ROOT/db/demo/make_picture.py" "$@" "$f"; }
	db_root -N -B mentorship -e "SELECT id, color FROM categories WHERE image IS NULL" |
	while read -r id colour; do
		picture 680 320 "$colour"
		ctl category image "$id" "$f" >/dev/null || die "cannot attach a picture to category $id"
	done
	db_root -N -B mentorship -e "SELECT a.id, c.color FROM activities a
		JOIN categories c ON c.id = a.category_id WHERE a.icon IS NULL" |
	while read -r id colour; do
		picture 144 144 "$colour"
		ctl activity icon "$id" "$f" >/dev/null || die "cannot attach an icon to activity $id"
	done
	db_root -N -B mentorship -e "SELECT id FROM blog_posts WHERE thumbnail IS NULL" |
	while read -r id; do
		picture 192 192 "#7a4fa0"
		ctl blog thumbnail "$id" "$f" >/dev/null || die "cannot attach a thumbnail to post $id"
		picture 720 406 "#7a4fa0"
		ctl blog image "$id" "$f" >/dev/null || die "cannot attach a picture to post $id"
	done
	rm -f "$f"
}

# ensure_account VAR_PREFIX COMMAND USERNAME [ARGS...]: creates the account
# once with a generated password, kept in the credentials file; an account
# whose password we do not know gets a new one.
ensure_account() {
	local prefix=$1 cmd=$2 user=$3
	shift 3
	local pass_var=${prefix}_PASS pass=""
	[ -f "$CREDS" ] && pass=$(sed -n "s/^${pass_var}=//p" "$CREDS" | tr -d "'")
	if [ -z "$pass" ]; then
		pass=$(openssl rand -base64 18 | tr -d '/+=' | cut -c1-20)
	fi
	if ! printf '%s\n' "$pass" | ctl "$cmd" --username "$user" "$@" >/dev/null 2>"$VAR/ctl.err"; then
		grep -q 'already exists' "$VAR/ctl.err" || { cat "$VAR/ctl.err" >&2; die "cannot create $user"; }
		printf '%s\n' "$pass" | ctl set-password --username "$user" >/dev/null
	fi
	eval "${prefix}_USER=\$user; ${prefix}_PASS=\$pass"
}

write_credentials() {
	umask 077
	cat >"$CREDS" <<-EOF
		BASE_URL='https://127.0.0.1:$HTTPS_PORT'
		ADMIN_USER='$ADMIN_USER'
		ADMIN_PASS='$ADMIN_PASS'
		MENTEE_USER='$MENTEE_USER'
		MENTEE_PASS='$MENTEE_PASS'
		MENTOR_USER='$MENTOR_USER'
		MENTOR_PASS='$MENTOR_PASS'
		PROVIDER_USER='$PROVIDER_USER'
		PROVIDER_PASS='$PROVIDER_PASS'
	EOF
	umask 022
}

# stack_up VAR BUILD WORKERS [CONF_EXTRA...]: everything up to /healthz.
stack_up() {
	stack_paths "$1"
	BUILD=$2
	local workers=$3
	shift 3
	db_start
	db_setup
	make_cert
	mail_start
	write_conf "$workers" "$@"
	log "migrating"
	ctl migrate >/dev/null
	# The pool runs the binary just built: restart it.
	stop_pidfile "$FCGI_PID" 40
	fcgi_start "$BUILD"
	nginx_start
	wait_healthy
}

# ---- commands ----

cmd_run() {
	local detach=0
	[ "${1:-}" = "--detach" ] && detach=1
	HTTPS_PORT=${MENTORSHIP_HTTPS_PORT:-8443}
	HTTP_PORT=${MENTORSHIP_HTTP_PORT:-8080}
	NGINX_KEEPALIVE=4
	ensure_packages "${PACKAGES[@]}"
	build "$ROOT/build/run" CFLAGS="-O2 -g"
	stack_up "$ROOT/var/dev" "$ROOT/build/run" 4
	demo_accounts
	# The worker delivers SMS and pushes (to the example provider here),
	# reminders and call time-outs.
	worker_start "$BUILD"
	cat <<-EOF

		The Mentoring Tool is running at https://127.0.0.1:$HTTPS_PORT/
		(self-signed certificate: use curl -k)
		Web console: https://127.0.0.1:$HTTPS_PORT/console/ (log in below)
		API docs:    https://127.0.0.1:$HTTPS_PORT/docs/

		  admin:  $ADMIN_USER / $ADMIN_PASS
		  mentor: $MENTOR_USER / $MENTOR_PASS
		  mentee: $MENTEE_USER / $MENTEE_PASS
		  provider (webhooks): $PROVIDER_USER / $PROVIDER_PASS

		Credentials are in var/dev/credentials.env; logs in var/dev/log/.
		Mail (forgotten-password codes) is caught in var/dev/log/mail.jsonl.
	EOF
	if [ "$detach" -eq 1 ]; then
		echo "Stop it with: ./dev.sh stop"
		return 0
	fi
	echo "Press Ctrl-C to stop."
	trap 'echo; log "stopping"; stack_stop; exit 0' INT TERM
	while is_running "$FCGI_PID" && is_running "$NGINX_PID" && is_running "$WORKER_PID"; do
		sleep 1
	done
	log "a component stopped; stopping the rest"
	stack_stop
	return 1
}

cmd_stop() {
	stack_paths "$ROOT/var/dev"
	stack_stop
	log "stopped"
}

# Prints Criterion's summary of each test log and counts the results.
TOTAL_PASS=0
TOTAL_FAIL=0
count_criterion() { # count_criterion LOGFILE
	local line p f c
	line=$(grep -a 'Synthesis:' "$1" | tail -1 || true)
	[ -n "$line" ] || { TOTAL_FAIL=$((TOTAL_FAIL + 1)); echo "$(basename "$1"): no Criterion summary"; return; }
	echo "$(basename "$1" .log): ${line#*Synthesis: }"
	p=$(sed -n 's/.*Passing: \([0-9]*\).*/\1/p' <<<"$line")
	f=$(sed -n 's/.*Failing: \([0-9]*\).*/\1/p' <<<"$line")
	c=$(sed -n 's/.*Crashing: \([0-9]*\).*/\1/p' <<<"$line")
	TOTAL_PASS=$((TOTAL_PASS + ${p:-0}))
	TOTAL_FAIL=$((TOTAL_FAIL + ${f:-0} + ${c:-0}))
}

# ---- browser tests ----

# Debian's Chromium, and node with npm for the test driver (playwright-core,
# which never downloads a browser).  A node that is already there is kept.
ensure_browser_tools() {
	ensure_packages chromium
	if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
		ensure_packages nodejs npm
	fi
}

# browser_tests LOGDIR: the console's end-to-end tests (tests/browser, one
# node --test run per file) against the stack in the environment; adds
# their counts to the totals.  Non-zero when any failed.
browser_tests() {
	local dir=$ROOT/tests/browser out=$1 f lf p n rc=0
	if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.dev-sh-lock" 2>/dev/null; then
		log "npm ci in tests/browser"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) ||
			{ TOTAL_FAIL=$((TOTAL_FAIL + 1)); echo "browser tests: npm ci failed"; return 1; }
		cp "$dir/package-lock.json" "$dir/node_modules/.dev-sh-lock"
	fi
	for f in "$dir"/*.test.js; do
		lf="$out/browser-$(basename "$f" .test.js).log"
		(cd "$dir" && timeout 900 node --test "$f") >"$lf" 2>&1 || rc=1
		p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$lf" | tail -1)
		n=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$lf" | tail -1)
		if [ -z "$p" ] || [ -z "$n" ]; then
			echo "$(basename "$f"): no node --test summary"
			tail -20 "$lf"
			TOTAL_FAIL=$((TOTAL_FAIL + 1))
			rc=1
			continue
		fi
		echo "$(basename "$f" .js): pass $p, fail $n"
		TOTAL_PASS=$((TOTAL_PASS + p))
		TOTAL_FAIL=$((TOTAL_FAIL + n))
		grep -a -E -A14 '^not ok' "$lf" | grep -a -v -E '^ +(at |async )' | head -60 || true
	done
	return $rc
}

cmd_test() {
	HTTPS_PORT=${MENTORSHIP_TEST_HTTPS_PORT:-18443}
	HTTP_PORT=${MENTORSHIP_TEST_HTTP_PORT:-18080}
	NGINX_KEEPALIVE=2
	ensure_packages "${PACKAGES[@]}"
	ensure_browser_tools
	# Several test stacks can run side by side with their own directories
	# and ports (MENTORSHIP_TEST_BUILD, MENTORSHIP_TEST_VAR, ..._PORT).
	local B=${MENTORSHIP_TEST_BUILD:-$ROOT/build/test}
	build "$B" --enable-sanitizers --enable-werror CFLAGS="-O1 -g"
	local T=${MENTORSHIP_TEST_VAR:-$ROOT/var/test}
	# A fresh stack each time: tests must not depend on leftovers.
	stack_paths "$T"
	stack_stop
	rm -rf "$T"
	mkdir -p "$T"
	# The fake provider servers are Python (standard library only).
	export PYTHON=/usr/bin/python3
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1}
	export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
	export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
	stack_up "$T" "$B" 2 "[auth]" "throttle_max_failures = 5" "throttle_window_seconds = 60"
	trap 'stack_stop' EXIT
	demo_accounts

	# The unit tests share the stack's MariaDB, in a database of their own.
	db_root -e "CREATE DATABASE IF NOT EXISTS mentorship_unit CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		GRANT ALL PRIVILEGES ON mentorship_unit.* TO 'mentorship'@'localhost';"
	export MT_TEST_DB_SOCKET=$DB_SOCK MT_TEST_DB_USER=mentorship \
		MT_TEST_DB_PASSWORD=$DB_PASSWORD MT_TEST_DB_NAME=mentorship_unit
	export MT_BASE_URL=https://127.0.0.1:$HTTPS_PORT MT_HTTP_URL=http://127.0.0.1:$HTTP_PORT \
		MT_ADMIN_USER=$ADMIN_USER MT_ADMIN_PASS=$ADMIN_PASS \
		MT_MENTOR_USER=$MENTOR_USER MT_MENTOR_PASS=$MENTOR_PASS \
		MT_MENTEE_USER=$MENTEE_USER MT_MENTEE_PASS=$MENTEE_PASS \
		MT_PROVIDER_USER=$PROVIDER_USER MT_PROVIDER_PASS=$PROVIDER_PASS \
		MT_FCGI_PID=$FCGI_PID MT_FCGI_LOG=$LOGDIR/fcgi.log MT_CONF=$CONF \
		MT_CTL=$B/mentorshipctl MT_FCGI_BIN=$B/mentorship-fcgi \
		MT_WORKER_BIN=$B/mentorship-worker MT_STACK="$ROOT/dev.sh" MT_VAR=$T \
		MT_FCGI_WORKERS=2 MT_MAIL_LOG=$LOGDIR/mail.jsonl
	local rc=0
	log "unit tests"
	make -C "$B" -s check >"$T/make-check.out" 2>&1 || rc=1
	local f
	for f in "$B"/tests/unit/test_*.log; do
		[ -f "$f" ] && count_criterion "$f"
	done
	# (A failed unit test must not stop the run here: set -e, pipefail.)
	[ "$rc" -eq 0 ] || tail -80 "$B"/test-suite.log || true
	log "integration tests through nginx"
	for f in "$B"/tests/integration/test_*; do
		[ -x "$f" ] && [ "${f%.*}" = "$f" ] || continue
		"$f" --jobs 1 --verbose=0 >"$T/$(basename "$f").log" 2>&1 || rc=1
		count_criterion "$T/$(basename "$f").log"
		grep -a -E '\[FAIL\]|Assertion|expression|^\[----\]   ' "$T/$(basename "$f").log" | head -40 || true
	done
	# The console's tests see SMS and pushes delivered: a worker, as in
	# ./dev.sh run (the integration tests start and stop their own).
	log "browser tests (Chromium)"
	worker_start "$B"
	export MT_ARTIFACTS=$T/artifacts
	browser_tests "$T" || rc=1
	stack_stop
	trap - EXIT
	# A sanitizer report from any server process (also at shutdown, when
	# LeakSanitizer runs) fails the run.
	local logs=("$LOGDIR/fcgi.log" "$LOGDIR/worker.log")
	for f in "$T"/run/*.log "$B"/tests/unit/test_*.log; do
		[ -f "$f" ] && logs+=("$f")
	done
	if grep -a -l -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "${logs[@]}" >/dev/null; then
		echo "sanitizer reports:"
		grep -a -E -A20 'ERROR: (Address|Leak)Sanitizer|runtime error:' "${logs[@]}" | head -80
		TOTAL_FAIL=$((TOTAL_FAIL + 1))
		rc=1
	fi
	[ "$TOTAL_FAIL" -eq 0 ] || rc=1
	echo "tests: $TOTAL_PASS passed, $TOTAL_FAIL failed"
	return $rc
}

# ./dev.sh faults: tests/faults/faults.py against a stack of its own
# (var/faults, the optimised build), whose SMS go to a fake OnionDev: the
# parts of the stack fail in turn under load, and nothing may be lost.
cmd_faults() {
	HTTPS_PORT=${MENTORSHIP_FAULTS_HTTPS_PORT:-28443}
	HTTP_PORT=${MENTORSHIP_FAULTS_HTTP_PORT:-28080}
	NGINX_KEEPALIVE=4
	ensure_packages "${PACKAGES[@]}"
	build "$ROOT/build/run" CFLAGS="-O2 -g"
	local T=$ROOT/var/faults fake_port
	stack_paths "$T"
	stack_stop
	umount "$T/log" 2>/dev/null || true
	rm -rf "$T"
	# The logs on a file system of their own, which the test fills.
	mkdir -p "$T/log"
	mount -t tmpfs -o size=64m tmpfs "$T/log"
	# The fake's recording is the evidence: not on the disk that fills.
	python3 "$ROOT/tests/fakes/fake_oniondev.py" 0 "$T/oniondev.jsonl" \
		--username od-user --password od-pass \
		>"$T/fake.port" 2>>"$T/fake.log" &
	local fake_pid=$!
	fake_port=$(port_of "$T/fake.port") || die "the fake OnionDev did not start"
	stack_up "$T" "$ROOT/build/run" 4 "[providers]" "sms = oniondev" \
		"[oniondev]" "base_url = http://127.0.0.1:$fake_port" \
		"username = od-user" "password = od-pass" \
		"allow_insecure_http = 1" "timeout_ms = 2000" \
		"[worker]" "poll_interval_ms = 200" "backoff_base_seconds = 1" \
		"backoff_max_seconds = 3" "max_attempts = 1000" "batch_size = 1000"
	trap 'stack_stop; kill $fake_pid 2>/dev/null; sleep 0.5; umount "$T/log" 2>/dev/null || true' EXIT
	demo_accounts
	worker_start "$BUILD"
	disown -a	# the test SIGKILLs the worker: no "Killed" from bash
	local msisdn
	msisdn=$(db_root -N -B mentorship -e "SELECT contact_number FROM users WHERE username = '$MENTEE_USER'")
	local rc=0
	MT_BASE_URL=https://127.0.0.1:$HTTPS_PORT MT_VAR=$T MT_CONF=$CONF \
		MT_STACK="$ROOT/dev.sh" MT_WORKER_BIN=$BUILD/mentorship-worker \
		MT_FCGI_BIN=$BUILD/mentorship-fcgi MT_FCGI_PID=$FCGI_PID \
		MT_WORKER_PID=$WORKER_PID MT_FAKE_PORT=$fake_port \
		MT_FAKE_RECORD=$T/oniondev.jsonl \
		MT_MENTOR_USER=$MENTOR_USER MT_MENTOR_PASS=$MENTOR_PASS \
		MT_PROVIDER_USER=$PROVIDER_USER MT_PROVIDER_PASS=$PROVIDER_PASS \
		MT_MENTEE_MSISDN=${msisdn#+} \
		python3 "$ROOT/tests/faults/faults.py" || rc=1
	stack_stop
	kill "$fake_pid" 2>/dev/null || true
	wait "$fake_pid" 2>/dev/null || true
	cp "$T/faults.md" "$ROOT/var/faults.md" 2>/dev/null || true
	umount "$T/log" 2>/dev/null || true
	trap - EXIT
	return $rc
}

# Used by the integration tests to take MariaDB away and bring it back.
cmd_db() { # db stop|start, on the stack in $MT_VAR
	stack_paths "${MT_VAR:?MT_VAR is not set}"
	case "${1:-}" in
	stop) db_stop ;;
	start) db_start ;;
	*) die "usage: dev.sh db stop|start" ;;
	esac
}

case "${1:-}" in
run) shift; cmd_run "$@" ;;
stop) cmd_stop ;;
test) shift; cmd_test "$@" ;;
db) shift; cmd_db "$@" ;;
faults) shift; cmd_faults "$@" ;;
*)
	echo "usage: ./dev.sh run [--detach] | stop | test | faults" >&2
	exit 2
	;;
esac
