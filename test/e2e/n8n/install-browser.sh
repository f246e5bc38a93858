#!/usr/bin/env bash
# Installs Debian's Chromium for the e2e editor test (test/e2e/editor.e2e.test.ts, driven with
# playwright-core) from the distribution's archive; does nothing when a working one is there.
# Needs apt-get and root (or passwordless sudo). E2E_CHROMIUM_PATH points the test at another binary
# (default /usr/bin/chromium); without one the editor test skips and says why.
set -euo pipefail

chromium="${E2E_CHROMIUM_PATH:-/usr/bin/chromium}"
works() { [ -x "$1" ] && "$1" --headless --no-sandbox --version >/dev/null 2>&1; }

if works "${chromium}"; then
	echo "Chromium already installed: $("${chromium}" --version 2>/dev/null)"
	exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo -n); fi
if ! command -v apt-get >/dev/null 2>&1 || ! "${as_root[@]}" true 2>/dev/null; then
	echo "install-browser: needs apt-get and root (or passwordless sudo); install Chromium yourself and set E2E_CHROMIUM_PATH" >&2
	exit 1
fi

echo "Installing Chromium with apt-get (Debian package 'chromium')…"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
works /usr/bin/chromium || { echo "install-browser: chromium was installed but does not start" >&2; exit 1; }
echo "Chromium installed: $(/usr/bin/chromium --version 2>/dev/null)"
