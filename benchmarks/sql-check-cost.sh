#!/usr/bin/env bash
# What compile-time SQL checking adds to one javac run: 1 and 50 @Sql methods, checking off,
# on with a cold machine (PostgreSQL binaries not unpacked yet) and on warm (unpacked). Each javac
# is a JVM of its own, so every "on" run starts and stops its own PostgreSQL. Prints wall-clock
# seconds and CPU seconds (user + system, javac and PostgreSQL together): on a shared, busy
# machine the CPU figure is the one that compares.
#   bash benchmarks/sql-check-cost.sh [runs]   (after mvn install -pl processor -am -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mvn -B -ntp -q dependency:build-classpath -pl processor -Dmdep.outputFile="$work/cp" -Dmdep.includeScope=runtime >/dev/null
path="processor/target/classes:$(cat "$work/cp")"

write_sources() { # $1 = directory, $2 = number of @Sql methods
  mkdir -p "$1/bench"
  cat > "$1/bench/Item.java" <<'JAVA'
package bench;
import dev.quarry.*;
@Table("items") public record Item(@Id @Identity Long id, String name, long price) {}
JAVA
  {
    echo 'package bench;'
    echo 'import dev.quarry.*; import java.util.*;'
    echo '@Queries(Item.class) public interface ItemQueries {'
    for i in $(seq 1 "$2"); do
      echo "  @Sql(\"SELECT * FROM items WHERE price > :p$i AND name LIKE :n$i ORDER BY id\")"
      echo "  List<Item> q$i(long p$i, String n$i);"
    done
    echo '}'
  } > "$1/bench/ItemQueries.java"
}

compile() { # $1 = sources, $2 = -Aquarry.verify value; prints "wall cpu" seconds
  rm -rf "$1/out" && mkdir -p "$1/out"
  /usr/bin/time -f '%e %U %S' -o "$1/time" javac -d "$1/out" -cp "annotations/target/classes:runtime/target/classes" \
    -processorpath "$path" "-Aquarry.verify=$2" $(find "$1/bench" -name '*.java') >/dev/null 2>&1
  awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$1/time"
}

median() { sort -n -k2 | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }

for n in 1 50; do
  src="$work/s$n"; write_sources "$src" "$n"
  off=$(for r in $(seq "$runs"); do compile "$src" off; done | median)
  [ "$n" = 1 ] && rm -rf "${TMPDIR:-/tmp}"/quarry-postgres-*
  cold=$(compile "$src" required)
  warm=$(for r in $(seq "$runs"); do compile "$src" required; done | median)
  echo "$n @Sql methods (wall s, cpu s): off $off | on, first run $cold | on, warm $warm"
done
