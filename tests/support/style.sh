# The headings of tests/support/demo.sh: bold on a terminal only, and never when NO_COLOR is
# set to anything non-empty (https://no-color.org), so that a log or a pipe gets plain text.
# Sourced; tests/harness.rs checks both cases.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  STYLE_BOLD=$'\033[1m'
  STYLE_PLAIN=$'\033[0m'
else
  STYLE_BOLD=''
  STYLE_PLAIN=''
fi
step() { printf '\n%s==> %s%s\n' "$STYLE_BOLD" "$*" "$STYLE_PLAIN"; }
