#!/usr/bin/env bash
# `npm run test:setup`: everything the test layers need that npm ci of the extension does not bring.
#   1. Debian packages: the loopback rig (sshd, ssh, dockerd, busybox, sudo for the docker group fix, fish as a login shell) and the real editor (chromium,
#      libkrb5-dev + a C toolchain for code-server's native modules).
#   2. code-server 4.100.3 (the real VS Code workbench and extension host) in test/vscode-server/.
# Idempotent: a second run checks and returns in about a second. Root only (apt-get, npm --unsafe-perm).
# Nothing is downloaded from outside Debian and the npm registry:
#   - the prebuilt-binary downloaders (argon2's node-pre-gyp, kerberos' prebuild-install) are told to
#     build that one package from source (npm_config_build_from_source=<name>; @parcel/watcher keeps its
#     prebuilt optional package), with the headers of the running node (npm_config_nodedir);
#   - @vscode/ripgrep's postinstall, a GitHub download, finds its download cache already filled with the
#     rg binary of the npm package @vscode/ripgrep-linux-x64, and only unpacks it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
server_dir="$repo/test/vscode-server"
code_server_version="4.100.3"

say() { printf '[test:setup] %s\n' "$*"; }
die() { printf '[test:setup] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: it installs Debian packages and builds code-server's native modules (npm --unsafe-perm)."
command -v node >/dev/null || die "node is not on PATH (Node 20 is required)."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || die "code-server $code_server_version needs Node 20; this is Node $(node -v)."

started=$(date +%s)

# ---------------------------------------------------------------- 1. Debian packages
debian_packages=(openssh-server openssh-client docker.io busybox-static chromium libkrb5-dev sudo fish)
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
# node-gyp needs make, a C++ compiler and python3; any python3 on PATH will do (it may not be Debian's).
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)

if [ "${#missing[@]}" -gt 0 ]; then
  # Keep apt from starting sshd/dockerd as services: the rig starts its own, on its own ports.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# Installed by test/setup/install.sh: apt starts no services.\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 0755 /usr/sbin/policy-rc.d
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -q
  apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}"
else
  say "Debian packages present: ${debian_packages[*]}"
fi

# ---------------------------------------------------------------- 2. code-server
code_server="$server_dir/node_modules/code-server"
vscode_lib="$code_server/lib/vscode"
marker="$server_dir/node_modules/.remote-docker-ssh-ready"
lock_sum="$(sha256sum "$server_dir/package-lock.json" | cut -d' ' -f1)"

# Proves the install is usable, not just present: every native module loads and rg runs.
verify_code_server() {
  [ -f "$code_server/out/node/entry.js" ] || return 1
  "$vscode_lib/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null 2>&1 || return 1
  (cd "$vscode_lib" && node -e '
    const { createRequire } = require("node:module");
    const req = createRequire(process.cwd() + "/package.json");
    for (const m of ["node-pty", "@vscode/spdlog", "native-watchdog", "kerberos", "@parcel/watcher", "@vscode/deviceid"]) req(m);
  ') >/dev/null 2>&1 || return 1
  (cd "$code_server" && node -e 'require("argon2")') >/dev/null 2>&1 || return 1
  return 0
}

if [ -f "$marker" ] && [ "$(cat "$marker")" = "$code_server_version $lock_sum" ] && verify_code_server; then
  say "code-server $code_server_version already installed in test/vscode-server"
  say "done in $(( $(date +%s) - started )) s"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/rds-test-setup.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tmp" "$work/cache" "$work/config" "$work/data" "$work/state"

node_prefix="$(node -p 'require("node:path").resolve(process.execPath, "../..")')"
[ -f "$node_prefix/include/node/node.h" ] || die "no Node headers in $node_prefix/include/node (node-gyp would download them). Install the headers that match $(node -v)."

global_npmrc="$(npm config get globalconfig 2>/dev/null || true)"

say "installing code-server $code_server_version into test/vscode-server (native builds take a while)"
install_started=$(date +%s)
rm -f "$marker"
(
  # Caches and scratch space stay in $work, so the machine's ~/.npm and ~/.cache are not touched.
  export TMPDIR="$work/tmp" XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config" \
    XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
  export npm_config_cache="$work/npm-cache"
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  # node-pty's postinstall runs `npx node-gyp`: npx must not wait for a "proceed?" answer.
  export npm_config_yes=true
  export npm_config_nodedir="$node_prefix"

  # npm 11 asks for approval of install scripts (package.json "allowScripts"); this version skips the
  # denied ones and runs the others with a warning. test/vscode-server/package.json approves argon2 and
  # denies code-server: code-server's postinstall runs `npm install` in lib/vscode and
  # lib/vscode/extensions, projects without an allowScripts field, and an outer npm would hand its own
  # allow-scripts setting down in the environment, which npm refuses in a project install. So npm ci
  # installs the packages, then code-server's own postinstall.sh runs here, outside npm, with the nested
  # approvals in a private global npmrc.
  cd "$server_dir"
  nice -n 10 npm ci --no-audit --no-fund
  # argon2's install script (denied in package.json) would fetch a prebuilt binary from GitHub. Build
  # it from source with node-pre-gyp's own flag: npm 11 warns about build-from-source as an npm setting.
  (cd node_modules/argon2 && nice -n 10 ../.bin/node-pre-gyp install --build-from-source --nodedir="$node_prefix")

  export npm_config_globalconfig="$work/npmrc"
  {
    if [ -f "$global_npmrc" ]; then cat "$global_npmrc"; echo; fi
    echo 'allow-scripts=node-pty,@vscode/spdlog,native-watchdog,kerberos,@vscode/deviceid,@vscode/ripgrep'
  } >"$npm_config_globalconfig"

  # @vscode/ripgrep 1.15.11 looks for ripgrep-v13.0.0-10-<target>.tar.gz in $TMPDIR/vscode-ripgrep-cache-1.15.11
  # before it goes to GitHub; put the registry's rg there (a newer rg, same command line).
  rg_version="$(node -p 'require("./node_modules/code-server/lib/vscode/npm-shrinkwrap.json").packages["node_modules/@vscode/ripgrep"].version')"
  [ "$rg_version" = 1.15.11 ] || { echo "code-server wants @vscode/ripgrep $rg_version; update the cache seeding in $0" >&2; exit 1; }
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$rg_version"
  tar czf "$TMPDIR/vscode-ripgrep-cache-$rg_version/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" \
    -C "$server_dir/node_modules/@vscode/ripgrep-linux-x64/bin" rg

  # postinstall.sh reads the Node version and the package manager from the user agent npm would set.
  export npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64"
  cd "$code_server"
  # Two settings npm 11 calls unknown, given in forms it does not see:
  # - kerberos (prebuild-install) builds from source because test/vscode-server/.prebuild-installrc says so
  #   (prebuild-install reads it from the package's parent folders), not through npm_config_build_from_source;
  # - postinstall.sh refuses to run as root unless npm_config_unsafe_perm=true, and then runs
  #   `npm install --unsafe-perm`. npm 11 runs install scripts as root anyway, so the flag does nothing:
  #   the npm on PATH here drops it and the variable before running the real npm.
  mkdir -p "$work/bin"
  cat >"$work/bin/npm" <<SHIM
#!/bin/sh
for arg; do shift; [ "\$arg" = --unsafe-perm ] || set -- "\$@" "\$arg"; done
unset npm_config_unsafe_perm
exec "$(command -v npm)" "\$@"
SHIM
  chmod +x "$work/bin/npm"
  PATH="$work/bin:$PATH" npm_config_unsafe_perm=true nice -n 10 sh ./postinstall.sh
)

verify_code_server || die "code-server installed, but a native module or rg does not load; see the npm output above."
printf '%s %s\n' "$code_server_version" "$lock_sum" >"$marker"
# --version still writes a default config file: keep it in $work.
version="$(XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" node "$code_server/out/node/entry.js" --version 2>/dev/null | tail -1 || true)"
say "code-server $version installed in $(( $(date +%s) - install_started )) s ($(du -sh "$server_dir/node_modules" | cut -f1))"
say "done in $(( $(date +%s) - started )) s"
