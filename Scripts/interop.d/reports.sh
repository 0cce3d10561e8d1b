#!/usr/bin/env bash
# Reports against the real tools: `profconv top` vs `go tool pprof -top` for every
# pprof fixture, sample index and granularity; Graphviz, xmllint, networkx and
# callgrind_annotate on the graph outputs. One line per check; non-zero on any mismatch.
set -euo pipefail
cd "$(dirname "$0")/../.."
source Scripts/lib/interop-common.sh
export TZ=UTC

# Inputs: the Go fixtures plus pprof's own test profiles, re-encoded by pprof.
source Scripts/lib/pprof-inputs.sh  # fills `inputs`

sample_types() { go tool pprof -raw "$1" 2>/dev/null | sed -n 's/^PeriodType.*//; /^Samples:/{n;p;q}' | wc -w; }

for f in "${inputs[@]}"; do
    n=$(sample_types "$f")
    for ((i = 0; i < n; i++)); do
        for g in functions filefunctions files lines addresses; do
            for count in 0 10; do
                pflags=(-top "-$g" "-sample_index=$i")
                cflags=(top --granularity "$g" --sample-index "$i")
                if [ "$count" != 0 ]; then pflags+=("-nodecount=$count"); cflags+=(--nodecount "$count"); fi
                go tool pprof "${pflags[@]}" "$f" >"$tmp/want" 2>/dev/null || { bad "pprof failed on $f ${pflags[*]}"; continue; }
                "$PROFCONV" "${cflags[@]}" "$f" >"$tmp/got" 2>"$tmp/err" || { bad "profconv failed on $f ${cflags[*]}: $(head -1 "$tmp/err")"; continue; }
                if cmp -s "$tmp/want" "$tmp/got"; then
                    ok "top $f index=$i $g nodecount=$count"
                else
                    bad "top $f index=$i $g nodecount=$count: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"
                fi
            done
        done
    done
done

# Name simplification: --demangle MODE against -symbolize=demangle=MODE (the
# default mode is covered above), for every input and sample index.
for f in "${inputs[@]}"; do
    n=$(sample_types "$f")
    for ((i = 0; i < n; i++)); do
        for m in templates full none; do
            go tool pprof -top "-sample_index=$i" "-symbolize=demangle=$m" "$f" >"$tmp/want" 2>/dev/null || { bad "pprof failed on $f demangle=$m"; continue; }
            "$PROFCONV" top --sample-index "$i" --demangle "$m" "$f" >"$tmp/got" 2>"$tmp/err" || { bad "profconv failed on $f --demangle $m: $(head -1 "$tmp/err")"; continue; }
            if cmp -s "$tmp/want" "$tmp/got"; then ok "top $f index=$i demangle=$m"; else bad "top $f index=$i demangle=$m: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
        done
    done
done

# traces: byte-identical to pprof's.
for f in "${inputs[@]}"; do
    go tool pprof -traces "$f" >"$tmp/want" 2>/dev/null
    "$PROFCONV" traces "$f" >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got"; then ok "traces $f"; else bad "traces $f: $(diff "$tmp/want" "$tmp/got" | head -3 | tr '\n' ' ')"; fi
done

# Graph outputs: Graphviz accepts our DOT, xmllint our GraphML and SVG.
for f in "${inputs[@]}"; do
    "$PROFCONV" convert "$f" --to dot -o "$tmp/g.dot"
    if dot -Tsvg "$tmp/g.dot" -o "$tmp/g.svg" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok "dot -Tsvg $f"; else bad "dot -Tsvg $f: $(head -1 "$tmp/err")"; fi
    "$PROFCONV" convert "$f" --to graphml -o "$tmp/g.graphml"
    if xmllint --noout "$tmp/g.graphml" 2>"$tmp/err"; then ok "xmllint graphml $f"; else bad "xmllint graphml $f: $(head -1 "$tmp/err")"; fi
    "$PROFCONV" convert "$f" --to callgraph -o "$tmp/g.svg"
    if xmllint --noout "$tmp/g.svg" 2>"$tmp/err"; then ok "xmllint callgraph $f"; else bad "xmllint callgraph $f: $(head -1 "$tmp/err")"; fi
done

# A hostile name (quotes, backslashes, newline, 16k characters) through DOT and Graphviz.
python3 - "$tmp/hostile.folded" <<'PY'
import sys
names = ['a"b\\c', 'x' * 16384, 'dots.' * 3000 + 'end', '<&>', 'tab\there']
with open(sys.argv[1], 'w') as f:
    f.write(';'.join(names) + ' 5\n')
    f.write('main;' + names[1] + ' 3\n')
PY
"$PROFCONV" convert "$tmp/hostile.folded" --to dot -o "$tmp/h.dot"
if dot -Tsvg "$tmp/h.dot" -o "$tmp/h.svg" 2>"$tmp/err"; then ok "dot -Tsvg hostile names"; else bad "dot -Tsvg hostile names: $(head -1 "$tmp/err")"; fi
"$PROFCONV" convert "$tmp/hostile.folded" --to graphml -o "$tmp/h.graphml"
xmllint --noout "$tmp/h.graphml" && ok "xmllint graphml hostile names" || bad "xmllint graphml hostile names"
"$PROFCONV" convert "$tmp/hostile.folded" --to callgraph -o "$tmp/h.svg"
xmllint --noout "$tmp/h.svg" && ok "xmllint callgraph hostile names" || bad "xmllint callgraph hostile names"

# networkx reads the GraphML: node count equals the DOT's, the heaviest edge is pprof's.
cpu=Fixtures/go1.19/busy/cpu.pb.gz
if [ -e "$cpu" ]; then
    "$PROFCONV" convert "$cpu" --to graphml -o "$tmp/cpu.graphml"
    go tool pprof -dot "$cpu" >"$tmp/cpu.dot" 2>/dev/null
    want_nodes=$(grep -c '^N[0-9]* \[label' "$tmp/cpu.dot")
    # pprof writes edges heaviest first: the first edge line names the heaviest call.
    want_edge=$(grep -m1 '^N[0-9]* -> N[0-9]* ' "$tmp/cpu.dot" | sed -E 's/.*tooltip="([^"]*) -> ([^"]*) \(.*/\1|\2/')
    got=$(python3 -c "
import networkx as nx, sys
g = nx.read_graphml(sys.argv[1])
u, v, d = max(g.edges(data=True), key=lambda e: e[2]['weight'])
print(g.number_of_nodes(), g.nodes[u]['name'] + '|' + g.nodes[v]['name'])" "$tmp/cpu.graphml")
    if [ "$got" = "$want_nodes $want_edge" ]; then ok "networkx graphml: $got"; else bad "networkx graphml: got '$got', want '$want_nodes $want_edge'"; fi
fi

exit $fail
