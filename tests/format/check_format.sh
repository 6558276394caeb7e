#!/bin/sh
# The C++ of engine/, tests/ and bench/ follows .clang-format: a file clang-format would
# change fails, named with the first place it differs. Skipped (77) without clang-format.
set -eu
root="$1"
command -v clang-format >/dev/null 2>&1 || { echo "clang-format not installed: skipped (scripts/setup installs it)"; exit 77; }
cd "$root"
files=$(find engine tests bench -path '*/node_modules' -prune -o \( -name '*.cpp' -o -name '*.h' \) -print | sort)
if clang-format --style=file --dry-run --Werror $files; then
  echo "$(echo "$files" | wc -l) files follow .clang-format"
else
  echo "format: run  clang-format -i --style=file FILE  on the files above" >&2
  exit 1
fi
