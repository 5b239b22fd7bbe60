# Shared by environment/{setup,report,test,notebook}; sourced, not run.
# Paths are absolute so that a kernelspec written here works from any working directory.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY=/usr/bin/python3                       # Debian's interpreter: the one apt's Jupyter modules belong to
JAR="$ROOT/target/largelr.jar"
KERNEL_DIR="$ROOT/target/kernel"          # the kernel jar, copied out of ~/.m2 so the spec survives its layout
JUPYTER_DATA="$ROOT/target/jupyter"       # project-local Jupyter data dir: our `java` kernelspec lives here
KERNELSPEC="$JUPYTER_DATA/kernels/java/kernel.json"
SUPERVISOR="$ROOT/environment/kernel-supervisor.py"   # the spec's argv: starts the kernel until it answers

# Debian packages the headless commands need (environment/notebook adds jupyter-notebook); Pillow
# (python3-pil) makes the index's thumbnails.
APT_PACKAGES=(python3-nbconvert jupyter-nbconvert python3-nbclient python3-nbformat jupyter-client python3-numpy python3-pil)
PY_MODULES="nbconvert nbclient nbformat jupyter_client numpy PIL"

# Jupyter looks in JUPYTER_PATH before the user's and the system's dirs, so our `java` spec wins for
# our commands without touching a kernelspec the user installed (IJava, JJava) under the same name.
export JUPYTER_PATH="$JUPYTER_DATA${JUPYTER_PATH:+:$JUPYTER_PATH}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# The kernel version is pinned once, in pom.xml's <rapaio.kernel.version>.
kernel_version() {
    sed -n 's:.*<rapaio\.kernel\.version>\([^<]*\)</rapaio\.kernel\.version>.*:\1:p' "$ROOT/pom.xml" | head -n1
}

kernel_jar() { echo "$KERNEL_DIR/rapaio-jupyter-kernel-$(kernel_version).jar"; }

# True when target/largelr.jar is missing or older than anything it is built from.
jar_stale() {
    [[ ! -f "$JAR" ]] && return 0
    [[ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$JAR" -print -quit 2>/dev/null)" ]]
}

# True when setup has nothing left to do (the cheap check the other commands make first).
setup_done() {
    "$PY" -c "import ${PY_MODULES// /,}" 2>/dev/null || return 1
    [[ -f "$(kernel_jar)" && -f "$KERNELSPEC" ]] || return 1
    grep -q "$(kernel_jar)" "$KERNELSPEC" || return 1
    grep -q "$SUPERVISOR" "$KERNELSPEC" || return 1
    ! jar_stale
}

# Maven 3.8 writes ANSI colour resets even with -B, the last one without a newline, which would glue
# our next line (e.g. the closing `notebooks: N passed, M failed`) to it. Strip them; keep Maven's status.
run_mvn() {
    local rc=0
    mvn -B "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g' || rc=$?
    return "$rc"
}

# --- browser test (environment/browser/test; installed by the browser block of environment/setup) ---
BROWSER_DIR="$ROOT/environment/browser"   # package.json + package-lock.json pin puppeteer-core; node_modules here
CHROMIUM=/usr/bin/chromium                # Debian's; puppeteer-core never downloads a browser
BROWSER_DEBS=(jupyter-notebook chromium)

# Node 18+, what puppeteer-core 24 needs.
node_ok() { command -v node >/dev/null && node -e 'process.exit(parseInt(process.versions.node) >= 18 ? 0 : 1)'; }

# True when node_modules holds what package-lock.json pins (npm ci leaves its .package-lock.json newer).
browser_npm_current() {
    [[ -f "$BROWSER_DIR/node_modules/puppeteer-core/package.json" \
       && "$BROWSER_DIR/node_modules/.package-lock.json" -nt "$BROWSER_DIR/package-lock.json" ]]
}

# True when the browser test can run: setup done, the notebook server, Chromium, Node 18+, npm packages.
browser_test_ready() {
    setup_done && "$PY" -c 'import notebook' 2>/dev/null && [[ -x "$CHROMIUM" ]] && node_ok && browser_npm_current
}
