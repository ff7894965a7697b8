#!/usr/bin/env bash
# Sourced, not run: where this machine's own apt configuration gets Debian bookworm from
# (never a hard-coded mirror), for the scripts that download from the Debian archive.

# Prints "URI<TAB>signed-by" of the first enabled `deb` source for bookworm,
# read from the system's own apt configuration (never hard-code a mirror).
debian_archive() {
  local f
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    awk '
      function flush() {
        if (!found && enabled != "no" && types ~ /(^| )deb( |$)/ &&
            suites ~ /(^| )bookworm( |$)/ && uris != "") {
          split(uris, u, " "); print u[1] "\t" signed; found = 1
        }
        types = suites = uris = signed = enabled = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key)
        val = $0; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types = val
        else if (key == "suites") suites = val
        else if (key == "uris") uris = val
        else if (key == "signed-by") signed = val
        else if (key == "enabled") enabled = tolower(val)
      }
      END { flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    awk '
      $1 != "deb" { next }
      {
        i = 2; signed = ""
        if ($i ~ /^\[/) {
          while (i <= NF) {
            if ($i ~ /^\[?signed-by=/) { s = $i; sub(/^\[?signed-by=/, "", s); sub(/\]$/, "", s); signed = s }
            if ($i ~ /\]$/) { i++; break }
            i++
          }
        }
        if ($(i + 1) == "bookworm") { print $i "\t" signed; exit }
      }
    ' "$f"
  done
}
