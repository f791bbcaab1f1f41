#!/usr/bin/env bash
# Proves the packages from the packages themselves, as a team would take them: packs every packable project of the
# solution into artifacts/packages, then restores, builds and runs the consumers in eng/consumers against those .nupkg
# files only (a dedicated package cache, emptied of our packages first, so nothing stale or project-referenced leaks in):
#   Console   net10.0, CodeGoodly.Upload + .Testing, the upload flow against the fake in the same process
#   Net8      the same program on net8.0, published self-contained (the .NET 8 runtime from its runtime pack) and run on it
#   Aot       Native AOT, CodeGoodly.Upload only, no IL2xxx/IL3xxx warning allowed, run against FakeHost in another process
#   tools     every .NET tool package is installed into a tool path and its command run with --help
# It also prints each package's size and how many packages it brings into a consumer (net8.0 and net10.0).
# One line per step with its wall time, then "consumers: N passed, M failed"; exits non-zero when a step failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

packages="$root/artifacts/packages"
cache="$root/artifacts/nuget-cache"
work="$root/artifacts/consumers"
logs="$work/logs"
rm -rf "$packages" "$work"
mkdir -p "$packages" "$logs"

passed=0
failed=0
fake_pid=""
stop_fake() {
  exec 7>&-                                               # closing its stdin ends it
  if [ -n "$fake_pid" ]; then
    for _ in $(seq 1 50); do kill -0 "$fake_pid" 2>/dev/null || break; sleep 0.1; done
    kill "$fake_pid" 2>/dev/null
    wait "$fake_pid" 2>/dev/null
    fake_pid=""
  fi
}
trap stop_fake EXIT

now() { date +%s%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
run_started=$(now)

# step NAME COMMAND...: runs COMMAND with its output in $logs/NAME.log; prints one line with the verdict and wall time,
# and the log's last lines when it failed.
step() {
  local name=$1; shift
  local log="$logs/${name//[^A-Za-z0-9._-]/_}.log"
  local started; started=$(now)
  if "$@" > "$log" 2>&1; then
    passed=$((passed + 1))
    printf '%-50s ok      %6ss\n' "$name" "$(seconds_since "$started")"
  else
    failed=$((failed + 1))
    printf '%-50s FAILED  %6ss  (log: %s)\n' "$name" "$(seconds_since "$started")" "${log#"$root"/}"
    tail -n 40 "$log" | sed 's/^/    | /'
  fi
}

ensure_clang() {
  # Native AOT links with clang; the ILCompiler package itself restores like any other package.
  command -v clang || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y clang; }
  clang --version | head -1
}

pack() {
  dotnet pack CodeGoodly.Upload.sln -c Release -o "$packages" || return 1
  ls "$packages"/*.nupkg
}

clear_cached_copies() {
  mkdir -p "$NUGET_PACKAGES"
  for nupkg in "$packages"/*.nupkg; do
    id=$(package_id "$nupkg")
    rm -rf "${NUGET_PACKAGES:?}/${id,,}"
  done
  echo "cleared our packages from $NUGET_PACKAGES"
}

nuspec_value() { unzip -p "$1" '*.nuspec' | tr -d '\r' | sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" | head -1; }
package_id() { nuspec_value "$1" id; }
package_version() { nuspec_value "$1" version; }
is_tool() { [[ $(unzip -l "$1") == *DotnetToolSettings.xml* ]]; }  # no pipe: grep -q would end unzip early (SIGPIPE) and pipefail would call it a failure

console() {
  dotnet build eng/consumers/Console -c Release --force -p:CodeGoodlyVersion="$version" || return 1
  timeout 300 dotnet run --project eng/consumers/Console -c Release --no-build < /dev/null
}

net8() {
  dotnet publish eng/consumers/Net8 -c Release -r linux-x64 --self-contained --force -p:CodeGoodlyVersion="$version" \
    -o "$work/net8" || return 1
  local out; out=$(timeout 300 "$work/net8/CodeGoodly.Upload.Consumers.Net8" < /dev/null)
  local code=$?
  echo "$out"
  grep -q '^consumer on \.NET 8\.0' <<< "$out" || { echo "not on the .NET 8 runtime"; return 1; }
  return $code
}

aot_il_warnings="?"
aot_publish() {
  dotnet publish eng/consumers/Aot -c Release -r linux-x64 --force -p:CodeGoodlyVersion="$version" -o "$work/aot" 2>&1 |
    tee "$work/aot-publish.txt"
  local code=$?
  # The project makes these warnings errors; counting them in the log as well keeps the rule if that ever changes.
  aot_il_warnings=$(grep -E '(warning|error) IL[23][0-9]{3}' "$work/aot-publish.txt" | sort -u | wc -l)
  echo "IL2xxx/IL3xxx warnings: $aot_il_warnings"
  [ "$code" -eq 0 ] && [ "$aot_il_warnings" -eq 0 ] && [ -x "$work/aot/CodeGoodly.Upload.Consumers.Aot" ]
}

aot_run() {
  [ -x "$work/aot/CodeGoodly.Upload.Consumers.Aot" ] || { echo "no AOT binary (the publish failed)"; return 1; }
  dotnet build eng/consumers/FakeHost -c Release --force -p:CodeGoodlyVersion="$version" || return 1
  local fifo="$work/fake-host.stdin" out="$work/fake-host.out"
  rm -f "$fifo"; mkfifo "$fifo"
  eng/consumers/FakeHost/bin/Release/net10.0/CodeGoodly.Upload.Consumers.FakeHost < "$fifo" > "$out" 2> "$logs/fake-host.log" &
  fake_pid=$!
  exec 7> "$fifo"                                          # the fake's stdin stays open while fd 7 is
  for _ in $(seq 1 300); do [ -s "$out" ] || ! kill -0 "$fake_pid" 2>/dev/null && break; sleep 0.1; done
  local line; line=$(head -1 "$out")
  local base; base=$(sed -n 's/.*"baseAddress":"\([^"]*\)".*/\1/p' <<< "$line")
  [ -n "$base" ] || { echo "the fake host printed no address"; cat "$logs/fake-host.log"; stop_fake; return 1; }
  echo "fake host pid $fake_pid at $base"
  CODEGOODLY_UPLOAD_BASEADDRESS="$base" \
  CODEGOODLY_UPLOAD_KEY1=$(sed -n 's/.*"key1":"\([^"]*\)".*/\1/p' <<< "$line") \
  CODEGOODLY_UPLOAD_KEY2=$(sed -n 's/.*"key2":"\([^"]*\)".*/\1/p' <<< "$line") \
    timeout 300 "$work/aot/CodeGoodly.Upload.Consumers.Aot" < /dev/null 7>&-
  local code=$?
  stop_fake
  cat "$logs/fake-host.log"
  return $code
}

# A throwaway project that references one package, for what that package brings into a consumer.
probe() {
  local id=$1 dir="eng/consumers/obj/probes/$1"
  rm -rf "$dir"; mkdir -p "$dir"
  cat > "$dir/probe.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks><OutputType>Library</OutputType></PropertyGroup>
  <ItemGroup><PackageReference Include="$id" Version="$version" /></ItemGroup>
</Project>
EOF
  dotnet restore "$dir" --force || return 1
  dotnet list "$dir" package --include-transitive > "$dir/list.txt" || return 1
  cat "$dir/list.txt"
  # "net8.0=N net10.0=M": the transitive packages per target framework.
  awk '/\[net[0-9.]+\]/ { match($0, /net[0-9.]+/); fw = substr($0, RSTART, RLENGTH); order[++n] = fw; count[fw] = 0; section = "" }
       /Transitive Package/ { section = "t" } /Top-level Package/ { section = "p" }
       /^ *> / && section == "t" { count[fw]++ }
       END { for (i = 1; i <= n; i++) printf "%s=%d ", order[i], count[order[i]] }' "$dir/list.txt" > "$dir/counts.txt"
}

# A tool package: installed into a tool path from the local folder, its command run with --help.
tool() {
  local nupkg=$1 id=$2 dir="$work/tools/$2"
  mkdir -p "$work/tools"
  local command; command=$(unzip -p "$nupkg" '*DotnetToolSettings.xml' | sed -n 's/.*<Command Name="\([^"]*\)".*/\1/p' | head -1)
  dotnet tool install "$id" --version "$version" --tool-path "$dir" --add-source "$packages" || return 1
  local assemblies; assemblies=$(unzip -l "$nupkg" | grep -c '\.dll$')
  echo "$assemblies" > "$dir.assemblies"
  timeout 120 "$dir/$command" --help < /dev/null
}

echo "consumers: packages from $(realpath --relative-to="$root" "$packages"), package cache $(realpath --relative-to="$root" "$cache")"
step "clang (Native AOT linker)" ensure_clang
step "pack CodeGoodly.Upload.sln" pack
# From here on every restore uses a package cache of its own, without any earlier copy of our packages.
export NUGET_PACKAGES="$cache"
version=""
for nupkg in "$packages"/*.nupkg; do
  [ -f "$nupkg" ] || continue
  [ "$(package_id "$nupkg")" = "CodeGoodly.Upload" ] && version=$(package_version "$nupkg")
done
if [ -z "$version" ]; then
  echo "no CodeGoodly.Upload package was packed"
  echo "consumers: $passed passed, $((failed + 1)) failed"
  exit 1
fi
echo "version $version"
step "clear cached copies of our packages" clear_cached_copies

report=()
for nupkg in "$packages"/*.nupkg; do
  id=$(package_id "$nupkg")
  size_kib=$(awk -v b="$(stat -c %s "$nupkg")" 'BEGIN { printf "%.1f", b / 1024 }')
  if is_tool "$nupkg"; then
    step "tool $id: install, --help" tool "$nupkg" "$id"
    report+=("$(printf '%-28s %10s KiB   .NET tool, %s assemblies bundled' "$id" "$size_kib" "$(cat "$work/tools/$id.assemblies" 2>/dev/null || echo '?')")")
  else
    step "restore $id in a new project" probe "$id"
    report+=("$(printf '%-28s %10s KiB   transitive packages: %s' "$id" "$size_kib" "$(cat "eng/consumers/obj/probes/$id/counts.txt" 2>/dev/null || echo '?')")")
  fi
done

step "Console (net10.0): build, run the flow" console
step "Net8 (net8.0 self-contained): publish, run" net8
step "Aot: publish with zero IL warnings" aot_publish
step "Aot: run against FakeHost (other process)" aot_run

echo
printf '%-28s %14s   %s\n' "package" "size" "in a consumer"
for line in "${report[@]}"; do echo "$line"; done
[ -x "$work/aot/CodeGoodly.Upload.Consumers.Aot" ] &&
  echo "Native AOT binary: $(awk -v b="$(stat -c %s "$work/aot/CodeGoodly.Upload.Consumers.Aot")" 'BEGIN { printf "%.1f", b / 1048576 }') MiB, IL2xxx/IL3xxx warnings in its publish: $aot_il_warnings"
echo "wall time: $(seconds_since "$run_started")s"
echo "consumers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
