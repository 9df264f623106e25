# Sourced by the scripts that need a virtual display. start_xvfb WIDTHxHEIGHT starts Xvfb
# on a display number it picks itself (-displayfd: no clash with another run's display),
# exports DISPLAY and sets xvfb to its pid; the caller kills "$xvfb" when done.
start_xvfb() {
  local numbers
  numbers="$(mktemp)"
  Xvfb -displayfd 5 -screen 0 "$1x24" -nolisten tcp 5>"$numbers" >/dev/null 2>&1 & xvfb=$!
  for _ in $(seq 50); do [ -s "$numbers" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$numbers")"
  rm -f "$numbers"
}
