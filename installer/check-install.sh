#!/usr/bin/env bash
# The installer.layout test: installs a build into a scratch prefix and checks the files
# a user and a desktop environment expect.
#
#   installer/check-install.sh CMAKE BUILD_DIR PREFIX GUI(ON|OFF) APP_ID
set -euo pipefail

if [[ $# -ne 5 ]]; then
    echo "usage: $0 CMAKE BUILD_DIR PREFIX GUI APP_ID" >&2
    exit 2
fi
cmake=$1
build=$2
prefix=$3
gui=$4
app_id=$5

rm -rf "$prefix"
"$cmake" --install "$build" --prefix "$prefix" >/dev/null

failures=0
expect() {
    if [[ -f $prefix/$1 ]]; then
        echo "ok       $1"
    else
        echo "MISSING  $1"
        failures=$((failures + 1))
    fi
}
expect_executable() {
    expect "$1"
    if [[ -f $prefix/$1 && ! -x $prefix/$1 ]]; then
        echo "NOT EXECUTABLE  $1"
        failures=$((failures + 1))
    fi
}

expect_executable bin/tokenscope-cli
if [[ $gui == ON ]]; then
    desktop=share/applications/$app_id.desktop
    metainfo=share/metainfo/$app_id.metainfo.xml
    expect_executable bin/tokenscope
    expect "$desktop"
    expect "$metainfo"
    expect "share/icons/hicolor/scalable/apps/$app_id.svg"

    if [[ -f $prefix/$desktop ]]; then
        if command -v desktop-file-validate >/dev/null; then
            # Hints (e.g. two main categories) are not errors.
            if desktop-file-validate --no-hints "$prefix/$desktop"; then
                echo "ok       desktop-file-validate"
            else
                echo "INVALID  $desktop"
                failures=$((failures + 1))
            fi
        else
            echo "skipped  desktop-file-validate (desktop-file-utils is not installed)"
        fi
    fi
    if [[ -f $prefix/$metainfo ]]; then
        if command -v appstreamcli >/dev/null; then
            if appstreamcli validate --no-net "$prefix/$metainfo"; then
                echo "ok       appstreamcli validate"
            else
                echo "INVALID  $metainfo"
                failures=$((failures + 1))
            fi
        else
            echo "skipped  appstreamcli validate (appstream is not installed)"
        fi
    fi
fi

"$prefix/bin/tokenscope-cli" --version

if ((failures > 0)); then
    echo "installer.layout: $failures problem(s) in the installed tree under $prefix" >&2
    exit 1
fi
rm -rf "$prefix"
echo "installer.layout: the installed tree is complete"
