#!/usr/bin/env bash
# (Re)builds the HTML report of a finished run: OUTPUT/report/index.html (self-contained: thumbnails and
# loss curves embedded), from OUTPUT/results/ and OUTPUT/losses/.
# usage: scripts/report.sh [--config FILE] OUTPUT
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] || [ $# -eq 0 ]; then sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
STYLEBATCH_JAVA_OPTS="${STYLEBATCH_JAVA_OPTS:--Xmx2g -Dlog4j2.configurationFile=$STYLEBATCH_ROOT/conf/log4j2-bench.properties}" \
  stylebatch_java io.stylebatch.tools.ReportMain "$@"
