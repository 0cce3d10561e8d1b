// Keeps V8 busy for about half a second in JIT-compiled JavaScript, then
// exits: the Node program of Scripts/capture.d/perf.sh, run with
// --perf-basic-prof so perf names its frames from /tmp/perf-PID.map.
'use strict';

function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

function sortChunk(seed) {
  const xs = [];
  for (let i = 0; i < 20000; i++) xs.push((i * 7919 + seed) % 10007);
  xs.sort((a, b) => a - b);
  return xs[xs.length >> 1];
}

let sink = 0;
const start = Date.now();
while (Date.now() - start < 600) {
  sink += fib(24);
  sink += sortChunk(sink & 1023);
}
console.log(sink % 10);
