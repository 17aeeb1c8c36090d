# Shared by bench/checker/http.sh and first_check.sh (sourced, not run): the
# binaries to measure (the arguments, or the Release build), a scratch
# directory, and a server that is stopped and removed on exit, whatever the
# exit. Expects `root` and the caller's "$@"; sets bins, tmp and pid.
bins=("$@")
[[ ${#bins[@]} -gt 0 ]] || bins=("$root/build-release/symptomdb")
tmp="$(mktemp -d)"
pid=""
stop_server() {
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  pid=""
}
# shellcheck disable=SC2317  # invoked by the trap
cleanup() {
  stop_server
  rm -rf "$tmp"
}
trap cleanup EXIT
