#!/usr/bin/env bash
# Builds GSN Studio as a self-contained one-folder application with PyInstaller, then
# smoke-tests the result: --version, check and export on a sample, install-desktop into a
# temporary folder, and the editor started offscreen on the sample and closed.
#
#   bash packaging/build-bundle.sh            # -> dist/gsn-studio/ (run dist/gsn-studio/gsn-studio)
#
# Needs Python 3.11+ with venv; downloads PyInstaller and the dependencies through pip.
# The build environment (build/bundle-venv) holds GSN Studio installed from this checkout as
# a wheel would be, so the bundle takes exactly what an installed GSN Studio has.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venv=build/bundle-venv
pip=(--disable-pip-version-check -q)

started=$(date +%s)
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install "${pip[@]}" --upgrade pip
"$venv/bin/python" -m pip install "${pip[@]}" --upgrade "pyinstaller>=6.10" .
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pyinstaller/gsn-studio.spec
built=$(date +%s)

app=$PWD/dist/gsn-studio/gsn-studio
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp samples/tutorial.gsnx "$work/case.gsnx"
cd "$work"
export GSN_STUDIO_SETTINGS_DIR="$work/settings" XDG_RUNTIME_DIR="$work" QT_QPA_PLATFORM=offscreen

echo "== smoke test in $work"
"$app" --version
status=0
"$app" check case.gsnx --as-of 2026-01-01 > check.txt || status=$?
# 1: the tutorial has findings on purpose; 2 or more would be a failure to read it.
[ "$status" = 1 ] || { echo "check exited $status" >&2; cat check.txt >&2; exit 1; }
grep -q "undeveloped-goal" check.txt
for figure in case.svg case.png case.pdf; do
  "$app" export case.gsnx -o "$figure"
  [ -s "$figure" ] || { echo "export wrote no $figure" >&2; exit 1; }
done
XDG_DATA_HOME="$work/xdg" "$app" install-desktop --user
grep -q "^Exec=$app %F" "$work/xdg/applications/io.github.gsn_studio.GSNStudio.desktop"
GSN_STUDIO_SMOKE_TEST=1 timeout 120 "$app" case.gsnx | tee editor.txt
grep -q "window shows case.gsnx" editor.txt

echo "== bundle: $(du -sh "$(dirname "$app")" | cut -f1) in dist/gsn-studio, built in $((built - started)) s"
