#!/usr/bin/env bash
# Runs Maven on this project with what its Jenkins plugin build needs, on any machine:
#
#   ./build.sh -B verify            # everything, with the plugin's tests on a real Jenkins
#   ./build.sh -B -q package -DskipTests
#
# - Maven 3.9.6 or newer (the Jenkins plugin POM requires it): $MAVEN if set, else `mvn` from PATH if it is new
#   enough, else Maven 3.9.11 from Maven Central, downloaded once into ~/.cache/zope-sync (its SHA-512 checked).
# - The Jenkins artifact repository (parent POM, Jenkins core, plugins, test harness), which is not on Maven
#   Central: a local copy if there is one ($JENKINS_REPO, or ../shared/jenkins/repository beside this clone,
#   served by the settings.xml beside it; the root POM leaves the plugin out of a plain `mvn` there, so this adds
#   it with -Pjenkins), else https://repo.jenkins-ci.org/ if it answers. Where neither is there, it says so and
#   builds everything but the plugin (`-P!jenkins`).
#
# Every argument goes to Maven unchanged.
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"

maven_version=3.9.11
central=https://repo.maven.apache.org/maven2

say() { echo "build.sh: $*" >&2; }

# Whether "$1" is a Maven of version 3.9.6 or newer.
new_enough() {
  local version
  version="$("$1" --version 2>/dev/null | sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -n 1)"
  [ -n "$version" ] && [ "$(printf '%s\n' 3.9.6 "$version" | sort -V | head -n 1)" = 3.9.6 ]
}

download_maven() {
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/zope-sync"
  local home="$cache/apache-maven-$maven_version"
  if [ -x "$home/bin/mvn" ]; then
    echo "$home/bin/mvn"
    return
  fi
  local name="apache-maven-$maven_version-bin.tar.gz"
  local url="$central/org/apache/maven/apache-maven/$maven_version/$name"
  local tmp
  tmp="$(mktemp -d)"
  say "no Maven 3.9.6 or newer found: downloading Maven $maven_version from Maven Central into $cache"
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 -o "$tmp/$name" "$url"
    curl -fsSL --retry 3 -o "$tmp/$name.sha512" "$url.sha512"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$tmp/$name" "$url"
    wget -q -O "$tmp/$name.sha512" "$url.sha512"
  else
    say "neither curl nor wget is installed: install one of them, or Maven 3.9.6 or newer, and run again"
    exit 1
  fi
  echo "$(cut -d ' ' -f 1 <"$tmp/$name.sha512")  $tmp/$name" | sha512sum -c --quiet - >&2 || {
    say "the downloaded $name does not match its SHA-512 from Maven Central; nothing installed"
    exit 1
  }
  mkdir -p "$cache"
  tar -xzf "$tmp/$name" -C "$tmp"
  rm -rf "$home"
  mv "$tmp/apache-maven-$maven_version" "$home"
  rm -rf "$tmp"
  echo "$home/bin/mvn"
}

if [ -n "${MAVEN:-}" ]; then
  mvn="$MAVEN"
elif command -v mvn >/dev/null 2>&1 && new_enough mvn; then
  mvn=mvn
else
  mvn="$(download_maven)"
fi
if ! new_enough "$mvn"; then
  say "$mvn is not Maven 3.9.6 or newer, which the Jenkins plugin POM requires"
  exit 1
fi

args=()
jenkins_repo="${JENKINS_REPO:-$root/../shared/jenkins/repository}"
if [ -d "$jenkins_repo" ] && [ -f "$jenkins_repo/../settings.xml" ]; then
  # The local copy was built without the Jenkins-specific enforcer rules, so the plugin POM's enforcer
  # configuration cannot load them (see its README).
  export JENKINS_REPO="$(cd "$jenkins_repo" && pwd)"
  args+=(-s "$JENKINS_REPO/../settings.xml" -Denforcer.skip -Pjenkins)
elif command -v curl >/dev/null 2>&1 \
    && curl -fsI --max-time 15 https://repo.jenkins-ci.org/public/org/jenkins-ci/plugins/plugin/ >/dev/null 2>&1; then
  : # Maven reaches the Jenkins repository through the plugin module's <repositories>.
else
  say "the Jenkins artifact repository (https://repo.jenkins-ci.org/) cannot be reached and there is no local copy"
  say "(\$JENKINS_REPO or ../shared/jenkins/repository): building everything but the Jenkins plugin (plugin/)"
  args+=("-P!jenkins")
fi

cd "$root"
exec "$mvn" "${args[@]}" "$@"
