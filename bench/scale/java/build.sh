#!/bin/sh
# Builds the Java Lucene 8 peer of the scale benchmark.
#   bench/scale/java/build.sh [BUILD_DIR]      (default: build/ next to this script, git-ignored)
# Needs Debian's liblucene8-java (jars in /usr/share/java) and a JDK (javac 11+):
#   apt-get install liblucene8-java default-jdk-headless
# Writes BUILD_DIR/classes (with the engine's analysis tables under peer-data/), BUILD_DIR/classpath and
# two launchers, BUILD_DIR/peer-indexer and BUILD_DIR/peer-searcher (JAVA_OPTS is passed to java).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
build=${1:-"$here/build"}
jars=/usr/share/java
# The engine's folding tables (OpenCC, one table for the index and the merge keys) and its pinyin table.
folding="$repo/src/Ingestion/Normalization/Data"
pinyin="$repo/src/Indexer/Analysis/Data"

if ! command -v javac >/dev/null 2>&1; then
    echo "build.sh: javac not found. Install a JDK: apt-get install default-jdk-headless" >&2
    exit 1
fi

# One jar per Lucene module: the unversioned symlink when the package has one, else the 8.x jar.
find_jar() {
    for candidate in "$jars/lucene8-$1.jar" "$jars/lucene-$1.jar"; do
        if [ -f "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    for candidate in "$jars"/lucene-"$1"-8.*.jar; do
        if [ -f "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

classpath=
for module in core analyzers-common analyzers-smartcn queries highlighter memory; do
    if ! jar=$(find_jar "$module"); then
        echo "build.sh: lucene-$module (Lucene 8) not found in $jars." >&2
        echo "Install it with: apt-get install liblucene8-java default-jdk-headless" >&2
        exit 1
    fi
    classpath="${classpath:+$classpath:}$jar"
done

if [ ! -f "$folding/TSCharacters.txt" ] || [ ! -f "$pinyin/pinyin-first.txt" ]; then
    echo "build.sh: the engine's analysis tables are missing ($folding, $pinyin)." >&2
    exit 1
fi

mkdir -p "$build"
build=$(cd "$build" && pwd)
rm -rf "$build/classes"
mkdir -p "$build/classes/peer-data"
javac -encoding UTF-8 -nowarn -d "$build/classes" -cp "$classpath" "$here"/src/*.java
for table in TSCharacters.txt TSPhrases.txt TWVariants.txt HKVariants.txt; do
    cp "$folding/$table" "$build/classes/peer-data/$table"
done
cp "$pinyin/pinyin-first.txt" "$build/classes/peer-data/pinyin-first.txt"
echo "$build/classes:$classpath" > "$build/classpath"

for tool in indexer:PeerIndexer searcher:PeerSearcher; do
    name=${tool%%:*}
    main=${tool#*:}
    cat > "$build/peer-$name" <<LAUNCHER
#!/bin/sh
exec java \${JAVA_OPTS:-} -cp "$build/classes:$classpath" $main "\$@"
LAUNCHER
    chmod +x "$build/peer-$name"
done

echo "built $build (lucene: $(echo "$classpath" | tr ':' '\n' | head -1 | xargs basename))"
