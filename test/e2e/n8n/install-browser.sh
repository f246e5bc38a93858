#!/usr/bin/env bash
# Installs Debian's Chromium for the e2e editor test (test/e2e/editor.e2e.test.ts), which drives it
# with playwright-core. Idempotent: does nothing when a working Chromium is already there.
#
#   bash test/e2e/n8n/install-browser.sh
#
# Needs apt (Debian/Ubuntu) and root, or sudo without a password. The browser comes from the
# distribution's package archive, never from a browser download site. E2E_CHROMIUM_PATH points the
# test at another binary (default /usr/bin/chromium); without one the editor test skips and says why.
set -euo pipefail

chromium="${E2E_CHROMIUM_PATH:-/usr/bin/chromium}"

works() {
	[ -x "$1" ] && "$1" --headless --no-sandbox --version >/dev/null 2>&1
}

if works "${chromium}"; then
	echo "Chromium already installed: $("${chromium}" --version 2>/dev/null)"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-browser: no apt-get here; install Chromium yourself and set E2E_CHROMIUM_PATH" >&2
	exit 1
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		as_root=(sudo -n)
	else
		echo "install-browser: needs root (or passwordless sudo) to run apt-get install chromium" >&2
		exit 1
	fi
fi

echo "Installing Chromium with apt-get (Debian package 'chromium')…"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null

if ! works /usr/bin/chromium; then
	echo "install-browser: chromium was installed but does not start" >&2
	exit 1
fi
echo "Chromium installed: $(/usr/bin/chromium --version 2>/dev/null)"
