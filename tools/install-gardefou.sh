#!/bin/sh
# Builds the `gardefou` command as a .NET tool (Release) and installs it in .tools/bin of this repository, offline:
# the package goes to .tools/packages and is installed from there. Run it again after changing the code.
# Then: export PATH="$PWD/.tools/bin:$PATH"   (or call .tools/bin/gardefou directly)
set -eu
cd "$(dirname "$0")/.."
# A fresh version each time: `dotnet tool install` would otherwise reuse the copy of an older build cached by NuGet.
version="0.1.0-local.$(date -u +%Y%m%d%H%M%S)"
echo "Building the gardefou tool ($version)…"
dotnet pack src/Gardefou.Cli -c Release -o .tools/packages -p:Version="$version" -nologo
dotnet tool uninstall Gardefou.Cli --tool-path .tools/bin >/dev/null 2>&1 || true
dotnet tool install Gardefou.Cli --version "$version" --tool-path .tools/bin --add-source .tools/packages
# Keep only the package just installed.
find .tools/packages -name 'Gardefou.Cli.*.nupkg' ! -name "Gardefou.Cli.$version.nupkg" -delete
echo "Installed: $PWD/.tools/bin/gardefou. Add it to PATH with:  export PATH=\"$PWD/.tools/bin:\$PATH\""
