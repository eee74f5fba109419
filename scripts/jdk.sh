# Sourced by .ci/run and the scripts: makes JAVA_HOME a JDK 21 or newer, or stops with what to install.
# The Maven build finds one by itself (maven-toolchains-plugin); this is for running the jar.

java_feature() { # prints the feature version of the java in $1 (a JDK home), or 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

flagbench_jdk() {
  local best="" best_version=0 home version
  # a JAVA_HOME the user chose is kept when it is new enough
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_feature "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    return 0
  fi
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    version=$(java_feature "$home")
    if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best=$home best_version=$version
    fi
  done
  if [ -z "$best" ]; then
    echo "flagbench needs a JDK 21 or newer (virtual threads): install one (for example 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it" >&2
    return 2
  fi
  export JAVA_HOME=$best
}
