#!/usr/bin/env bash
# A local S3 server (s3proxy, filesystem-backed) on 127.0.0.1 for demos and manual tests.
# usage: scripts/local-s3.sh start|stop|status
#        scripts/local-s3.sh put LOCAL_PATH s3a://BUCKET/KEY   (upload through S3A, e.g. the samples)
# Data lives in output/local-s3/data/<bucket>/; the bucket "stylebatch" is created on start.
# Settings: conf/s3-local.conf. Credentials: export the two variables that "start" prints.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ROOT="$STYLEBATCH_ROOT"
DIR="$ROOT/output/local-s3"
PORT="${STYLEBATCH_S3_PORT:-8333}"
ACCESS_KEY="${AWS_ACCESS_KEY_ID:-stylebatch-local}"
SECRET_KEY="${AWS_SECRET_ACCESS_KEY:-stylebatch-local-secret}"
JAR="$ROOT/target/s3proxy/s3proxy.jar"

running() { [ -f "$DIR/s3proxy.pid" ] && kill -0 "$(cat "$DIR/s3proxy.pid")" 2>/dev/null; }

case "${1:-}" in
  start)
    if running; then echo "local S3 already running (pid $(cat "$DIR/s3proxy.pid")) on http://127.0.0.1:$PORT"; exit 0; fi
    if [ ! -f "$JAR" ]; then
      echo "local-s3: fetching s3proxy (./mvnw process-test-resources)..." >&2
      (cd "$ROOT" && ./mvnw -q -B -DskipTests process-test-resources) >&2
    fi
    mkdir -p "$DIR/data/stylebatch"
    cat > "$DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DIR/data
CONF
    nohup java -jar "$JAR" --properties "$DIR/s3proxy.conf" > "$DIR/s3proxy.log" 2>&1 &
    echo $! > "$DIR/s3proxy.pid"
    for _ in $(seq 1 60); do
      if (echo > "/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        echo "local S3 running on http://127.0.0.1:$PORT (bucket: stylebatch, data: $DIR/data)"
        echo "export AWS_ACCESS_KEY_ID=$ACCESS_KEY AWS_SECRET_ACCESS_KEY=$SECRET_KEY"
        exit 0
      fi
      running || break
      sleep 0.5
    done
    echo "local-s3: server did not start; see $DIR/s3proxy.log" >&2
    exit 1
    ;;
  stop)
    if running; then kill "$(cat "$DIR/s3proxy.pid")"; rm -f "$DIR/s3proxy.pid"; echo "local S3 stopped"; else echo "local S3 not running"; fi
    ;;
  status)
    if running; then echo "running (pid $(cat "$DIR/s3proxy.pid")) on http://127.0.0.1:$PORT"; else echo "not running"; exit 1; fi
    ;;
  put)
    [ $# -eq 3 ] || { echo "usage: scripts/local-s3.sh put LOCAL_PATH s3a://BUCKET/KEY" >&2; exit 2; }
    export AWS_ACCESS_KEY_ID="$ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$SECRET_KEY"
    STYLEBATCH_JAVA_OPTS="-Xmx512m" stylebatch_java io.stylebatch.tools.PutObjects \
      --config "$ROOT/conf/s3-local.conf" "$2" "$3"
    ;;
  -h|--help|*)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]
    ;;
esac
